package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code ?target=<id>} is a user's whole history, the create included (its row has the new id as target_id). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTargetEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-4410";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Test
    void the_target_filter_finds_the_create_and_every_later_write() {
        Http http = new Http(port);
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"history@example.com","password":"History-pass-1","memberships":["HR"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = created.header("Location");
        String id = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        assertThat(id).contains("|");
        assertThat(http.patch(path, admin, "application/merge-patch+json", "{\"blocked\":true}").status()).isEqualTo(200);
        assertThat(http.delete(path, admin).status()).isEqualTo(204);

        // java.net.URI refuses a raw '|', so only the encoded form is sent here.
        JsonNode events = http.get("/api/v1/audit-events?target=" + id.replace("|", "%7C"), admin).json().get("events");
        List<String> actions = new ArrayList<>();
        events.forEach(event -> {
            assertThat(event.get("target_id").asString()).isEqualTo(id);
            actions.add(event.get("action").asString());
        });
        assertThat(actions).as("newest first").containsExactly("user.delete", "user.update", "user.create");
        JsonNode create = http.get("/api/v1/audit-events?action=user.create&limit=5", admin).json().get("events");
        assertThat(create.get(0).get("target_id").asString()).isEqualTo(id);
        assertThat(create.get(1).get("target_id").asString()).as("the bootstrap administrator's create")
                .startsWith("local|");
    }
}
