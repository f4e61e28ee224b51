package dev.delegatedadmin.adapters.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the annotations do not say, added once for the whole document so that a client generator gets it right:
 * the real success statuses (a create is 201, a delete 204) and every error as RFC 9457 problem+json with its
 * schema ({@link ProblemDetailsAdvice} writes them), and that the login-events endpoint exists only when
 * LOGIN_EVENTS_SECRET is set. Summaries and descriptions come from {@link OpenApiOperations}.
 */
@Component
public class OpenApiDocumentation implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String LOGIN_EVENTS = "/api/v1/login-events";
    private static final String SESSION = "/api/v1/session";

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            OpenApiOperations.of(method.name(), path).ifPresent(doc -> operation.operationId(doc.operationId())
                    .summary(doc.summary()).description(doc.description()));
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            if (method == PathItem.HttpMethod.POST && path.equals("/api/v1/users")) {
                replaceSuccess(responses, "201", "Created; the Location header is the new user's path.");
                responses.get("201").addHeaderObject("Location", new Header().schema(new StringSchema())
                        .description("/api/v1/users/{id}, the id with '|' as %7C"));
            }
            if (method == PathItem.HttpMethod.DELETE) {
                replaceSuccess(responses, "204", "Deleted.");
                responses.get("204").setContent(null);
            }
            if (path.equals(LOGIN_EVENTS)) {
                operation.setDescription(join(operation.getDescription(), "Present only when LOGIN_EVENTS_SECRET is"
                        + " set on the service; otherwise 404."));
            }
            if (path.startsWith("/api/v1/")) {
                errors(path, operation).forEach((status, description) -> responses.computeIfAbsent(status,
                        s -> problem(description)));
            }
        }));
    }

    private static Map<String, String> errors(String path, Operation operation) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "The input is malformed or invalid; errors lists every field.");
        if (path.equals(LOGIN_EVENTS)) {
            errors.put("401", "The signature is missing, malformed, stale or wrong.");
            errors.put("404", "LOGIN_EVENTS_SECRET is not set.");
        } else if (path.equals(SESSION)) {
            errors.put("401", "Wrong email or password, or the account is blocked.");
        } else {
            errors.put("401", "No valid bearer token.");
            errors.put("403", "The actor's role or the write policy refuses it; a policy denial carries rule.");
            if (path.contains("{")) {
                errors.put("404", "Not found, or outside the actor's scope.");
            }
        }
        if (operation.getRequestBody() != null) {
            errors.put("413", "The body is larger than the limit.");
            errors.put("415", "The body is not of a supported media type.");
        }
        errors.put("503", "A dependency (identity provider, database) is unavailable; see Retry-After.");
        return errors;
    }

    private static void replaceSuccess(ApiResponses responses, String status, String description) {
        ApiResponse success = responses.remove("200");
        responses.put(status, (success == null ? new ApiResponse() : success).description(description));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details, with the request id of the response's X-Request-Id.")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("request_id", new StringSchema())
                .addProperty("rule", new StringSchema().description("The policy rule that denied it (403)."))
                .addProperty("errors", new ArraySchema().items(error).description("Every invalid field (400)."));
    }

    private static String join(String description, String more) {
        return description == null || description.isBlank() ? more : description + " " + more;
    }
}
