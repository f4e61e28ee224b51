package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OpenAPI document passes a validator, every operation has a summary, a description and a unique id, and Swagger
 * UI is served to anyone, like the document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiEndToEndTest {

    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> "Open-api-pass-1");
    }

    @LocalServerPort
    int port;

    @Test
    void the_document_is_valid_openapi() {
        Http.Response document = new Http(port).get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);

        SwaggerParseResult parsed = new OpenAPIParser().readContents(document.body(), null, null);

        assertThat(parsed.getMessages()).as("validator messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getPaths().get("/api/v1/users").getPost().getResponses()).containsKey("201").doesNotContainKey("200");
        assertThat(api.getPaths().get("/api/v1/users/{id}").getDelete().getResponses()).containsKey("204");
        assertThat(api.getPaths().get("/api/v1/login-events").getPost().getDescription()).contains("LOGIN_EVENTS_SECRET");
        java.util.List<String> undocumented = new java.util.ArrayList<>();
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getSummary() == null || operation.getSummary().isBlank()
                    || operation.getDescription() == null || operation.getDescription().isBlank()) {
                undocumented.add(method + " " + path);
            }
            assertThat(operationIds.add(operation.getOperationId())).as("unique id of %s %s", method, path).isTrue();
            if (path.startsWith("/api/v1/")) {
                assertThat(operation.getResponses()).as("%s %s", method, path).containsKeys("400", "503");
                assertThat(operation.getResponses().get("503").getContent()).as("%s %s", method, path)
                        .containsKey("application/problem+json");
            }
        }));
        assertThat(undocumented).as("operations without a summary and a description").isEmpty();
    }

    @Test
    void swagger_ui_is_public() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        Http.Response config = new Http(port).get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(new Http(port).get("/api/v1/users", null).status()).as("the API is not").isEqualTo(401);
    }
}
