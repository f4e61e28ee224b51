package dev.delegatedadmin.adapters.persistence;

import dev.delegatedadmin.adapters.persistence.audit.AuditRetention;
import dev.delegatedadmin.adapters.persistence.audit.JooqAuditTrail;
import dev.delegatedadmin.adapters.persistence.localidp.LocalDirectory;
import java.util.Set;
import dev.delegatedadmin.domain.actor.Scope;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase.ConnectionInfo;
import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.ExportAuditEvents;
import dev.delegatedadmin.application.port.out.QueryAuditEvents;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.VerifyAuditChain;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The configuration as bootstrap uses it: Spring Boot's DataSource, Flyway and jOOQ auto-configuration. */
class PersistenceAdapterConfigurationTest {

    /** What bootstrap provides. */
    @Configuration(proxyBeanMethods = false)
    static class Application {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    /** A consumer of every port, the way the use cases take them: by interface. */
    @Configuration(proxyBeanMethods = false)
    static class UseCases {
        @Bean
        Consumer consumer(LoadUsers loadUsers, SearchUsers searchUsers, WriteUsers writeUsers,
                          CredentialVerifier credentialVerifier, RecordAuditEvents auditTrail, TokenIssuer tokenIssuer) {
            return new Consumer(loadUsers, searchUsers, writeUsers, credentialVerifier, auditTrail, tokenIssuer);
        }
    }

    record Consumer(LoadUsers loadUsers, SearchUsers searchUsers, WriteUsers writeUsers,
                    CredentialVerifier credentialVerifier, RecordAuditEvents auditTrail, TokenIssuer tokenIssuer) {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    FlywayAutoConfiguration.class, JooqAutoConfiguration.class))
            .withUserConfiguration(Application.class, PersistenceAdapterConfiguration.class)
            .withPropertyValues(datasource(TestDatabase.freshDatabase()));

    private static String[] datasource(javax.sql.DataSource dataSource) {
        ConnectionInfo info = TestDatabase.connectionInfo(dataSource);
        return new String[] {
                "spring.datasource.url=" + info.url(),
                "spring.datasource.username=" + info.user(),
                "spring.datasource.password=" + (info.password() == null ? "" : info.password()),
        };
    }

    @Test
    void one_local_directory_serves_both_ports_and_every_port_is_injectable() {
        runner.withUserConfiguration(UseCases.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LoadUsers.class);
            assertThat(context).hasSingleBean(SearchUsers.class);
            assertThat(context).hasSingleBean(WriteUsers.class);
            assertThat(context).hasSingleBean(CredentialVerifier.class);
            assertThat(context).hasSingleBean(RecordAuditEvents.class);
            assertThat(context).hasSingleBean(QueryAuditEvents.class);
            assertThat(context).hasSingleBean(ExportAuditEvents.class);
            assertThat(context).hasSingleBean(VerifyAuditChain.class);
            assertThat(context).hasSingleBean(TokenIssuer.class);
            assertThat(context).hasSingleBean(dev.delegatedadmin.application.port.out.PolicyStore.class);
            assertThat(context.getBean(dev.delegatedadmin.application.port.out.PolicyVersions.class))
                    .isSameAs(context.getBean(dev.delegatedadmin.application.port.out.PolicyStore.class));
            Consumer consumer = context.getBean(Consumer.class);
            assertThat(consumer.loadUsers()).isSameAs(consumer.credentialVerifier())
                    .isSameAs(consumer.searchUsers()).isSameAs(consumer.writeUsers());
            assertThat(consumer.loadUsers()).isInstanceOf(LocalDirectory.class);
        });
    }

    @Test
    void retention_is_off_by_default_and_needs_the_maintenance_role_when_set() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AuditRetention.class));
        runner.withPropertyValues("delegated-admin.audit.retention.keep=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AuditRetention.class));
        runner.withPropertyValues("delegated-admin.audit.retention.keep=P400D").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("AUDIT_RETENTION needs the maintenance database role"));
    }

    @Test
    void with_another_idp_only_the_audit_trail_is_defined() {
        runner.withPropertyValues("delegated-admin.idp=auth0").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(RecordAuditEvents.class);
            assertThat(context).hasSingleBean(QueryAuditEvents.class);
            assertThat(context).hasSingleBean(ExportAuditEvents.class);
            assertThat(context).hasSingleBean(VerifyAuditChain.class);
            assertThat(context).doesNotHaveBean(LoadUsers.class);
            assertThat(context).doesNotHaveBean(CredentialVerifier.class);
            assertThat(context).doesNotHaveBean(TokenIssuer.class);
        });
        runner.withPropertyValues("delegated-admin.idp=local").run(context -> assertThat(context).hasSingleBean(LoadUsers.class));
    }

    @Test
    void the_ports_work_on_spring_boots_jooq_and_its_exception_translation() {
        runner.withUserConfiguration(UseCases.class).run(context -> {
            Consumer ports = context.getBean(Consumer.class);
            NewUser kim = new NewUser(new Email("kim@example.com"), Optional.of(new Password("long enough")),
                    ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, new Metadata(Map.of("department", "Finance")));
            User created = ports.writeUsers().create(kim);
            // Spring translates SQL errors into its own exceptions: the unique violation must still be recognised.
            assertThatThrownBy(() -> ports.writeUsers().create(kim)).isInstanceOf(ConflictException.class);
            User other = ports.writeUsers().create(new NewUser(new Email("other@example.com"), Optional.empty(),
                    ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, Metadata.EMPTY));
            assertThatThrownBy(() -> ports.writeUsers().update(other.id(), new UserChanges(
                    Optional.of(new Email("kim@example.com")), Optional.empty(), Optional.empty(), Optional.empty(),
                    Map.of(), Map.of()))).isInstanceOf(ConflictException.class);
            assertThat(ports.writeUsers().update(created.id(), new UserChanges(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Map.of("team", "AP"), Map.of())).userMetadata().get("team")).contains("AP");

            assertThat(ports.credentialVerifier().verify(new Email("kim@example.com"), new Password("long enough")))
                    .isInstanceOf(CredentialVerifier.Result.Authenticated.class);
        });
    }

    @Test
    void token_properties_have_defaults() {
        runner.run(context -> {
            TokenIssuer.AccessToken token = context.getBean(TokenIssuer.class).issue(someone());
            JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo("urn:delegated-admin:local");
            assertThat(claims.getAudience()).containsExactly("delegated-admin");
            assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(15));
        });
    }

    @Test
    void token_properties_are_configurable() {
        runner.withPropertyValues("delegated-admin.local.issuer=https://idp.example.com/",
                        "delegated-admin.local.audience=admin-api", "delegated-admin.local.token-ttl=5m")
                .run(context -> {
                    TokenIssuer.AccessToken token = context.getBean(TokenIssuer.class).issue(someone());
                    JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();
                    assertThat(claims.getIssuer()).isEqualTo("https://idp.example.com/");
                    assertThat(claims.getAudience()).containsExactly("admin-api");
                    assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
                });
    }

    @Test
    void an_audit_record_survives_the_rollback_of_the_callers_transaction() {
        runner.run(context -> {
            JooqAuditTrail trail = context.getBean(JooqAuditTrail.class);
            WriteUsers directory = context.getBean(WriteUsers.class);
            DSLContext dsl = context.getBean(DSLContext.class);
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);

            long[] id = new long[1];
            transaction.executeWithoutResult(status -> {
                id[0] = trail.record(new AuditRecord(Clock.systemUTC().instant(), Optional.of("req-1"), Optional.of("local|a"),
                        Optional.empty(), Optional.empty(), AuditAction.USER_CREATE, Optional.empty(),
                        Optional.of("rolled-back@example.com"), AuditDecision.ALLOWED, Optional.empty(), Optional.empty(),
                        List.of("email"), AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty()));
                // The directory, by contrast, takes part in the caller's transaction.
                directory.create(new NewUser(new Email("rolled-back@example.com"), Optional.empty(),
                        ConnectionName.DEFAULT_DATABASE, Metadata.EMPTY, Metadata.EMPTY));
                trail.complete(id[0], AuditStatus.SUCCEEDED, Optional.empty());
                status.setRollbackOnly();
            });

            assertThat(dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ID.eq(id[0]))).isEqualTo(1);
            assertThat(dsl.fetchCount(LOCAL_USER)).isZero();
            // A second outcome is refused, also when Spring has translated the unique violation.
            assertThatThrownBy(() -> trail.complete(id[0], AuditStatus.FAILED, Optional.empty()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has an outcome");
            assertThat(trail.find(new AuditQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(AuditStatus.SUCCEEDED), Optional.empty(), Optional.empty(),
                    java.util.OptionalLong.empty(), 10, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Scope.all(Set.of()))).events()).hasSize(1);
        });
    }

    private static User someone() {
        return new User(new dev.delegatedadmin.domain.user.UserId("local|0123456789abcdef01234567"),
                new Email("kim@example.com"), ConnectionName.DEFAULT_DATABASE, false, false, Metadata.EMPTY, Metadata.EMPTY,
                Clock.systemUTC().instant(), Clock.systemUTC().instant(), 0, Optional.empty());
    }
}
