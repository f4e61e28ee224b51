package dev.delegatedadmin.adapters.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.delegatedadmin.application.port.out.UserSearch;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the adapter sends: method, path, query and JSON body, and how many. */
class Auth0RequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Department FINANCE = new Department("Finance");
    private static final String PASSWORD = "Str0ng-Pa55word!";

    private static Auth0Stub stub;
    private Auth0IdentityProvider idp;

    @BeforeAll
    static void start() {
        stub = new Auth0Stub().start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @BeforeEach
    void fresh() {
        stub.reset();
        idp = stub.identityProvider();
    }

    @Test
    void the_token_is_fetched_once_with_client_credentials_and_sent_as_bearer() throws Exception {
        idp.findById(new dev.delegatedadmin.domain.user.UserId("auth0|nobody"));
        idp.findById(new dev.delegatedadmin.domain.user.UserId("auth0|nobody"));

        List<ServeEvent> events = stub.events();
        assertThat(Auth0Stub.lines(events)).containsExactly(
                "POST /oauth/token",
                "GET /api/v2/users/auth0%7Cnobody",
                "GET /api/v2/users/auth0%7Cnobody");
        assertThat(JSON.readTree(events.getFirst().getRequest().getBodyAsString())).isEqualTo(JSON.readTree("""
                {"client_id":"test-client-id","client_secret":"test-client-secret-never-logged",
                 "audience":"https://tenant.example.auth0.com/api/v2/","grant_type":"client_credentials"}"""));
        assertThat(events.subList(1, 3)).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization"))
                .isEqualTo("Bearer " + FakeAuth0.MANAGEMENT_TOKEN));
    }

    @Test
    void create_sends_exactly_the_profile_and_looks_the_connection_up_once() throws Exception {
        User kim = idp.create(new NewUser(new Email("Kim@Example.com"), Optional.of(new Password(PASSWORD)),
                ConnectionName.DEFAULT_DATABASE, new Metadata(Map.of("team", "AP")),
                new Metadata(Map.of("department", "Finance"))));
        idp.create(newUser("lee@example.com"));

        List<ServeEvent> events = stub.apiEvents();
        assertThat(Auth0Stub.lines(events)).containsExactly(
                "GET /api/v2/connections?take=50&name=Username-Password-Authentication",
                "POST /api/v2/users",
                "POST /api/v2/users");
        assertThat(body(events.get(1))).isEqualTo(JSON.readTree("""
                {"connection":"Username-Password-Authentication","email":"kim@example.com",
                 "password":"Str0ng-Pa55word!","user_metadata":{"team":"AP"},
                 "app_metadata":{"department":"Finance"}}"""));
        assertThat(kim.id().value()).startsWith("auth0|");
        assertThat(kim.department()).contains(FINANCE);
    }

    @Test
    void get_reads_one_user() {
        User kim = idp.create(newUser("kim@example.com"));
        stub.server.resetRequests();

        assertThat(idp.findById(kim.id())).contains(kim);
        assertThat(Auth0Stub.lines(stub.apiEvents())).containsExactly("GET /api/v2/users/" + kim.id().value().replace("|", "%7C"));
    }

    @Test
    void update_patches_only_the_changes_and_removes_metadata_keys_with_null() throws Exception {
        User kim = idp.create(new NewUser(new Email("kim@example.com"), Optional.of(new Password(PASSWORD)),
                ConnectionName.DEFAULT_DATABASE, new Metadata(Map.of("a", 1, "b", 2)),
                new Metadata(Map.of("department", "Finance"))));
        stub.server.resetRequests();
        Map<String, Object> userMetadata = new LinkedHashMap<>();
        userMetadata.put("a", null);
        userMetadata.put("b", 3);

        idp.update(kim.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true),
                userMetadata, Map.of()));

        List<ServeEvent> events = stub.apiEvents();
        assertThat(Auth0Stub.lines(events)).containsExactly("PATCH /api/v2/users/" + kim.id().value().replace("|", "%7C"));
        assertThat(body(events.getFirst())).isEqualTo(JSON.readTree("""
                {"blocked":true,"user_metadata":{"a":null,"b":3}}"""));
    }

    @Test
    void email_and_password_go_in_two_patches_and_a_no_op_update_writes_nothing() throws Exception {
        User kim = idp.create(newUser("kim@example.com"));
        stub.server.resetRequests();
        UserChanges both = new UserChanges(Optional.of(new Email("kim.new@example.com")), Optional.of(false),
                Optional.of(new Password("An0ther-Pa55word!")), Optional.empty(), Map.of(), Map.of());

        // The service splits them (UserChanges.withoutPassword / passwordOnly); the adapter sends each as asked.
        idp.update(kim.id(), both.withoutPassword());
        idp.update(kim.id(), both.passwordOnly());
        idp.update(kim.id(), UserChanges.NONE);

        List<ServeEvent> events = stub.apiEvents();
        String path = "/api/v2/users/" + kim.id().value().replace("|", "%7C");
        assertThat(Auth0Stub.lines(events)).containsExactly("PATCH " + path, "PATCH " + path, "GET " + path);
        assertThat(body(events.get(0))).isEqualTo(JSON.readTree("""
                {"email":"kim.new@example.com","email_verified":false}"""));
        assertThat(body(events.get(1))).isEqualTo(JSON.readTree("""
                {"password":"An0ther-Pa55word!"}"""));
    }

    @Test
    void search_pushes_the_scope_into_q_and_escapes_the_text() {
        idp.search(new UserSearch(Scope.of(Set.of(FINANCE)), Optional.of("x\" OR app_metadata.department:\"HR"),
                Optional.empty(), 2, 25, false));
        idp.search(new UserSearch(Scope.of(Set.of(FINANCE, new Department("HR"))), Optional.empty(),
                Optional.of(FINANCE), 0, 50, true));
        idp.search(new UserSearch(Scope.all(Set.of(FINANCE)), Optional.empty(), Optional.empty(), 0, 10, true));
        idp.search(new UserSearch(Scope.none(), Optional.of("x"), Optional.empty(), 0, 10, true));

        List<ServeEvent> events = stub.apiEvents();
        assertThat(events).hasSize(3);
        assertThat(events.get(0).getRequest().queryParameter("q").firstValue()).isEqualTo(
                "app_metadata.department:(\"Finance\") AND email:x\\\"\\ or\\ app_metadata.department\\:\\\"hr*");
        assertThat(events.get(1).getRequest().queryParameter("q").firstValue()).isEqualTo(
                "app_metadata.department:(\"Finance\" OR \"HR\") AND app_metadata.department:\"Finance\"");
        assertThat(events.get(2).getRequest().queryParameter("q").isPresent()).isFalse();
        assertThat(Auth0Stub.lines(events).getFirst()).isEqualTo("GET /api/v2/users?page=2&per_page=25&include_totals=true"
                + "&q=app_metadata.department%3A%28%22Finance%22%29%20AND%20email%3Ax%5C%22%5C%20or%5C%20"
                + "app_metadata.department%5C%3A%5C%22hr*&search_engine=v3");
    }

    @Test
    void delete_is_one_call() {
        User kim = idp.create(newUser("kim@example.com"));
        stub.server.resetRequests();

        idp.delete(kim.id());

        assertThat(Auth0Stub.lines(stub.apiEvents())).containsExactly("DELETE /api/v2/users/" + kim.id().value().replace("|", "%7C"));
    }

    // ------------------------------------------------------------------ helpers

    static NewUser newUser(String email) {
        return new NewUser(new Email(email), Optional.of(new Password(PASSWORD)), ConnectionName.DEFAULT_DATABASE,
                Metadata.EMPTY, new Metadata(Map.of("department", "Finance")));
    }

    static JsonNode body(ServeEvent event) throws Exception {
        return JSON.readTree(event.getRequest().getBodyAsString());
    }
}
