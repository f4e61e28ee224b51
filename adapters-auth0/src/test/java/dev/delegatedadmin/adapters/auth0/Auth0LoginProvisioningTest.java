package dev.delegatedadmin.adapters.auth0;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.domain.user.UserId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact Management API requests of login rules (seeds 003 and 004), against the fake tenant. */
class Auth0LoginProvisioningTest {

    private static final Auth0Stub STUB = new Auth0Stub();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Auth0LoginProvisioning provisioning;
    private UserId user;

    @BeforeAll
    static void start() {
        STUB.start();
    }

    @AfterAll
    static void stop() {
        STUB.stop();
    }

    @BeforeEach
    void reset() {
        STUB.reset();
        provisioning = STUB.identityProvider().loginProvisioning();
        user = new UserId(STUB.tenant.seed("lena@example.com", Map.of("department", "Finance")));
        STUB.tenant.organization("org_finance", "con_db");
    }

    @Test
    void connection_check_is_one_get_and_404_means_not_enabled() {
        assertThat(provisioning.isConnectionEnabled("org_finance", "con_db")).isTrue();
        assertThat(provisioning.isConnectionEnabled("org_finance", "con_social")).isFalse();
        assertThat(provisioning.isConnectionEnabled("org_unknown", "con_db")).isFalse();
        assertThat(Auth0Stub.lines(STUB.apiEvents())).containsExactly(
                "GET /api/v2/organizations/org_finance/enabled_connections/con_db",
                "GET /api/v2/organizations/org_finance/enabled_connections/con_social",
                "GET /api/v2/organizations/org_unknown/enabled_connections/con_db");
    }

    @Test
    void adding_a_member_posts_exactly_that_user_and_an_existing_member_is_success() throws Exception {
        provisioning.addOrganizationMember("org_finance", user);
        provisioning.addOrganizationMember("org_finance", user);

        assertThat(STUB.tenant.members("org_finance")).containsExactly(user.value());
        var posts = STUB.apiEvents();
        assertThat(Auth0Stub.lines(posts)).containsOnly("POST /api/v2/organizations/org_finance/members");
        assertThat(JSON.readTree(posts.getFirst().getRequest().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"members\":[\"" + user.value() + "\"]}"));
    }

    @Test
    void roles_are_assigned_with_one_post() throws Exception {
        provisioning.assignRoles(user, List.of("rol_basic", "rol_reader"));

        assertThat(STUB.tenant.roles(user.value())).containsExactlyInAnyOrder("rol_basic", "rol_reader");
        var events = STUB.apiEvents();
        assertThat(Auth0Stub.lines(events)).containsExactly("POST /api/v2/users/" + user.value().replace("|", "%7C")
                + "/roles");
        assertThat(JSON.readTree(events.getFirst().getRequest().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"roles\":[\"rol_basic\",\"rol_reader\"]}"));
    }

    @Test
    void a_503_is_retried_under_the_same_policy_and_an_outage_becomes_an_identity_provider_error() {
        STUB.server.stubFor(post(urlPathEqualTo("/api/v2/organizations/org_finance/members")).atPriority(1)
                .inScenario("blip").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        provisioning.addOrganizationMember("org_finance", user);
        assertThat(STUB.tenant.members("org_finance")).containsExactly(user.value());
        assertThat(STUB.waits).hasSize(1);

        STUB.server.stubFor(post(urlPathEqualTo("/api/v2/organizations/org_finance/members")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> provisioning.addOrganizationMember("org_finance", user))
                .isInstanceOf(IdentityProviderException.class)
                .satisfies(e -> assertThat(((IdentityProviderException) e).unavailable()).isTrue());
    }
}
