package dev.delegatedadmin.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hexagon, checked on the compiled production classes of every module. Each rule refuses to pass on an
 * empty selection ({@code allowEmptyShould(false)}), and {@link #every_layer_has_classes} guards that a
 * renamed package cannot make a rule vacuous.
 */
class ArchitectureTest {

    private static final String BASE = "dev.delegatedadmin";
    private static final String DOMAIN = BASE + ".domain..";
    private static final String APPLICATION = BASE + ".application..";
    private static final String ADAPTERS = BASE + ".adapters..";
    private static final String PERSISTENCE = BASE + ".adapters.persistence..";
    private static final String GENERATED_JOOQ = BASE + ".adapters.persistence.jooq..";
    private static final String AUTH0_ADAPTER = BASE + ".adapters.auth0..";
    private static final String PORT_IN = BASE + ".application.port.in..";
    private static final String PORT_OUT = BASE + ".application.port.out..";
    private static final String SERVICES = BASE + ".application.service..";

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(BASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            BASE + ".domain.policy", BASE + ".domain.user", BASE + ".application.service", BASE + ".application.port.in",
            BASE + ".application.port.out", BASE + ".adapters.web", BASE + ".adapters.persistence",
            BASE + ".adapters.auth0", BASE + ".bootstrap"})
    void every_layer_has_classes(String packageName) {
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith(packageName)).count())
                .as("classes in %s", packageName)
                .isPositive();
    }

    @Test
    void domain_depends_only_on_the_jdk() {
        check(classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.."));
    }

    @Test
    void application_depends_only_on_the_domain_and_the_jdk() {
        check(classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..", "jakarta.annotation.."));
    }

    @Test
    void application_knows_no_framework_and_no_adapter() {
        check(noClasses().that().resideInAPackage(APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS, BASE + ".bootstrap..",
                        "org.springframework..", "org.jooq..", "com.auth0..", "tools.jackson..", "com.fasterxml.."));
    }

    @Test
    void adapters_do_not_see_each_other() {
        check(slices().matching(BASE + ".adapters.(*)..").should().notDependOnEachOther());
    }

    /** buckpal: a use case speaks its own command and result types, so an adapter on one side never sees the other. */
    @Test
    void incoming_and_outgoing_ports_do_not_depend_on_each_other() {
        check(noClasses().that().resideInAPackage(PORT_IN)
                .should().dependOnClassesThat().resideInAPackage(PORT_OUT));
        check(noClasses().that().resideInAPackage(PORT_OUT)
                .should().dependOnClassesThat().resideInAPackage(PORT_IN));
    }

    /** Woltmann: adapters reach the application through the use-case interfaces only. */
    @Test
    void adapters_do_not_use_application_services_directly() {
        check(noClasses().that().resideInAPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage(SERVICES));
    }

    @Test
    void only_persistence_uses_jooq() {
        check(noClasses().that().resideOutsideOfPackage(PERSISTENCE)
                .and().resideInAPackage(BASE + "..")
                .should().dependOnClassesThat().resideInAPackage("org.jooq.."));
    }

    @Test
    void only_the_auth0_adapter_uses_the_auth0_sdk() {
        check(noClasses().that().resideOutsideOfPackage(AUTH0_ADAPTER)
                .and().resideInAPackage(BASE + "..")
                .should().dependOnClassesThat().resideInAPackage("com.auth0.."));
    }

    @Test
    void nothing_outside_bootstrap_depends_on_bootstrap() {
        check(noClasses().that().resideOutsideOfPackage(BASE + ".bootstrap..")
                .and().resideInAPackage(BASE + "..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".bootstrap.."));
    }

    @Test
    void no_package_cycles() {
        // Generated jOOQ code (tables <-> keys) is excluded: it is not ours to shape.
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().allowEmptyShould(false)
                .check(production.that(JavaClass.Predicates.resideOutsideOfPackage(GENERATED_JOOQ)));
    }

    @Test
    void use_case_ports_are_named_use_case() {
        check(classes().that().resideInAPackage(BASE + ".application.port.in").and().areInterfaces()
                .should().haveSimpleNameEndingWith("UseCase"));
    }

    /** What the composition root wires is a service; everything else in the package is its private help. */
    @Test
    void services_implement_use_cases_and_are_named_service() {
        check(classes().that().resideInAPackage(SERVICES).and().arePublic()
                .should().haveSimpleNameEndingWith("Service")
                .andShould(implementAUseCase()));
    }

    @Test
    void controllers_are_named_controller_and_live_in_the_web_adapter() {
        check(classes().that().areAnnotatedWith(RestController.class)
                .should().haveSimpleNameEndingWith("Controller")
                .andShould().resideInAPackage(BASE + ".adapters.web.."));
    }

    @Test
    void spring_configurations_are_named_configuration() {
        check(classes().that().areAnnotatedWith(Configuration.class).and().resideInAPackage(BASE + "..")
                .should().haveSimpleNameEndingWith("Configuration"));
    }

    /** No exception of ours is open for extension: every one is final, or sealed over a known set. */
    @Test
    void domain_exceptions_and_application_exceptions_are_sealed_hierarchies() {
        check(classes().that().resideInAnyPackage(DOMAIN, BASE + ".application.error..")
                .and().areAssignableTo(Throwable.class)
                .should(beFinalOrSealed()));
    }


    private static ArchCondition<JavaClass> implementAUseCase() {
        return new ArchCondition<>("implement a use case (an interface in application.port.in named *UseCase)") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean implementsOne = c.getAllRawInterfaces().stream().anyMatch(i ->
                        i.getPackageName().startsWith(BASE + ".application.port.in") && i.getSimpleName().endsWith("UseCase"));
                events.add(new SimpleConditionEvent(c, implementsOne, c.getName()
                        + (implementsOne ? " implements" : " implements no") + " use case"));
            }
        };
    }

    private static ArchCondition<JavaClass> beFinalOrSealed() {
        return new ArchCondition<>("be final or sealed") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean closed = c.getModifiers().contains(JavaModifier.FINAL) || c.reflect().isSealed();
                events.add(new SimpleConditionEvent(c, closed, c.getName()
                        + (closed ? " is final or sealed" : " is open for extension")));
            }
        };
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(production);
    }
}
