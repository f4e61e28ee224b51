package dev.delegatedadmin.adapters.auth0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Auth0AdapterConfigurationTest {

    @Test
    void missing_settings_fail_the_start_naming_each_one_and_no_value() {
        assertThatThrownBy(() -> new Auth0AdapterConfiguration().auth0IdentityProvider("tenant.eu.auth0.com", "",
                "the-secret", " ", "", Duration.ofSeconds(10), 4, Duration.ofSeconds(10), Duration.ofMinutes(10),
                new SharedPermitsTest.CountingBudget(0), 2, 10, Duration.ofSeconds(5), 0, "app_metadata",
                new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AUTH0_CLIENT_ID")
                .hasMessageContaining("AUTH0_AUDIENCE")
                .hasMessageNotContaining("AUTH0_DOMAIN")
                .hasMessageNotContaining("the-secret");
    }

    @Test
    void an_unknown_role_source_fails_the_start() {
        assertThatThrownBy(() -> new Auth0AdapterConfiguration().auth0IdentityProvider("tenant.eu.auth0.com", "id",
                "the-secret", "https://api", "", Duration.ofSeconds(10), 4, Duration.ofSeconds(10),
                Duration.ofMinutes(10), new SharedPermitsTest.CountingBudget(0), 2, 10, Duration.ofSeconds(5), 0,
                "token_claim", new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ROLE_SOURCE");
    }

    @Test
    void urls_default_to_the_tenant_and_follow_a_management_api_override() {
        Auth0Settings tenant = new Auth0Settings("tenant.eu.auth0.com", "id", "the-secret", Optional.empty(),
                Duration.ofSeconds(10));
        assertThat(tenant.apiUrl()).isEqualTo("https://tenant.eu.auth0.com/api/v2");
        assertThat(tenant.tokenBaseUrl()).isEqualTo("https://tenant.eu.auth0.com");
        assertThat(tenant.managementAudience()).isEqualTo("https://tenant.eu.auth0.com/api/v2/");
        assertThat(tenant.toString()).doesNotContain("the-secret");

        Auth0Settings proxied = new Auth0Settings("tenant.eu.auth0.com", "id", "the-secret",
                Optional.of("http://proxy.internal:8443/api/v2/"), Duration.ofSeconds(10));
        assertThat(proxied.apiUrl()).isEqualTo("http://proxy.internal:8443/api/v2");
        assertThat(proxied.tokenBaseUrl()).isEqualTo("http://proxy.internal:8443");
        assertThat(proxied.managementAudience()).isEqualTo("https://tenant.eu.auth0.com/api/v2/");
    }

    @Test
    void lucene_escaping_leaves_no_operator_alive() {
        assertThat(LuceneQuery.escaped("a b\"c*d?e:f\\g(h)i&&j||k!l+m-n/o^p~q[r]s{t}"))
                .isEqualTo("a\\ b\\\"c\\*d\\?e\\:f\\\\g\\(h\\)i\\&\\&j\\|\\|k\\!l\\+m\\-n\\/o\\^p\\~q\\[r\\]s\\{t\\}");
        assertThat(LuceneQuery.quoted("Sales \"EU\"")).isEqualTo("\"Sales \\\"EU\\\"\"");
    }
}
