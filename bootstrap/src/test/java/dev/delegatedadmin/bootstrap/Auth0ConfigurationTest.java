package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.RateBudget;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** IDP=auth0 without its settings does not start, and says which settings are missing (never their values). */
class Auth0ConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            // As in the application: "10s" binds to a Duration.
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withUserConfiguration(Auth0Configuration.class)
            // The persistence adapter's bean, which the Auth0 adapter needs beside its settings.
            .withBean(RateBudget.class, () -> new RateBudget() {
                @Override
                public Grant take(String key, int wanted, Limit limit) {
                    return new Grant(wanted, java.time.Duration.ZERO);
                }

                @Override
                public void exhaust(String key, java.time.Duration duration) {
                }
            })
            // Boot's meter registry, which the application always has (the Management API calls are counted).
            .withBean(io.micrometer.core.instrument.MeterRegistry.class,
                    io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);

    @Test
    void missing_auth0_settings_fail_fast_with_their_names() {
        runner.withPropertyValues("delegated-admin.idp=auth0", "delegated-admin.auth0.domain=tenant.eu.auth0.com",
                        "delegated-admin.auth0.client-secret=do-not-print-me")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("AUTH0_AUDIENCE")
                            .hasMessageNotContaining("do-not-print-me");
                });
        runner.withPropertyValues("delegated-admin.idp=auth0", "delegated-admin.auth0.audience=https://api",
                        "delegated-admin.auth0.domain=tenant.eu.auth0.com")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("AUTH0_CLIENT_ID").hasMessageContaining("AUTH0_CLIENT_SECRET");
                });
    }

    @Test
    void nothing_of_auth0_is_built_for_the_local_idp() {
        runner.withPropertyValues("delegated-admin.idp=local")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(org.springframework.security.oauth2.jwt.JwtDecoder.class)
                        .doesNotHaveBean(dev.delegatedadmin.application.port.out.LoadUsers.class));
    }
}
