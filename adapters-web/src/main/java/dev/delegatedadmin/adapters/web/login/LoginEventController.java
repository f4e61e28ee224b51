package dev.delegatedadmin.adapters.web.login;

import dev.delegatedadmin.adapters.web.http.JsonBody;
import dev.delegatedadmin.adapters.web.http.RequestId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.LoginOutcome;
import dev.delegatedadmin.application.port.in.ProcessSignedLoginUseCase;
import dev.delegatedadmin.domain.login.LoginEvent;
import dev.delegatedadmin.domain.shared.TreeReader;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.UserId;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed webhook of the Auth0 post-login Action (SPEC section 6). Off (404) without {@code LOGIN_EVENTS_SECRET}.
 * The signature is checked on the raw bytes before anything is parsed: a bad, missing or stale one is a 401, then a
 * malformed body is a 400.
 */
@RestController
@SecurityRequirements // signed, not a bearer token
public class LoginEventController {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final Optional<LoginEventSignature> signature;
    private final ObjectProvider<ProcessSignedLoginUseCase> useCase;

    LoginEventController(ObjectProvider<ProcessSignedLoginUseCase> useCase, ObjectProvider<Clock> clock,
                         @Value("${delegated-admin.login-events.secret:}") String secret) {
        this.useCase = useCase;
        this.signature = LoginEventSignature.of(secret, clock.getIfAvailable(Clock::systemUTC));
    }

    @PostMapping(path = "/api/v1/login-events", consumes = MediaType.APPLICATION_JSON_VALUE)
    LoginEventResponse loginEvent(@Parameter(hidden = true) RequestId requestId,
                                  @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>")
                                  @RequestHeader(name = LoginEventSignature.HEADER, required = false) @Nullable String header,
                                  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                          schema = @Schema(implementation = LoginEventRequest.class)))
                                  @RequestBody(required = false) byte @Nullable [] body) {
        ProcessSignedLoginUseCase process = useCase.getIfAvailable();
        if (signature.isEmpty() || process == null) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND);
        }
        byte[] raw = body == null ? new byte[0] : body;
        String eventKey = signature.get().verify(header, raw);
        LoginEvent event = parse(raw);
        // A replay of the same signed bytes (inside the window) gets the first answer and runs nothing again.
        LoginOutcome outcome = process.processOnce(eventKey, event, Optional.of(requestId.value()));
        return LoginEventResponse.from(outcome);
    }

    static LoginEvent parse(byte[] raw) {
        Object root;
        try {
            tools.jackson.databind.JsonNode tree = JSON.readTree(raw);
            // An empty body is Jackson's missing node: "Must be an object.", as a non-object is (not "Required.").
            root = tree != null && tree.isMissingNode() ? List.of() : JsonBody.toJava(tree);
        } catch (JacksonException e) {
            throw InvalidInputException.of("$", "The request body is not valid JSON.");
        }
        Reader reader = new Reader();
        Map<String, Object> top = reader.object(root, "$", Set.of("user", "connection", "organization", "stats"), true);
        Map<String, Object> user = reader.object(top, "user", Set.of("user_id", "email", "app_metadata"), true);
        String userId = reader.string(user, "user.user_id", true);
        String email = reader.string(user, "user.email", false);
        Map<String, Object> appMetadata = reader.map(user, "user.app_metadata");
        Map<String, Object> connection = reader.object(top, "connection", Set.of("id", "name", "strategy"), true);
        String connectionId = reader.string(connection, "connection.id", true);
        String connectionName = reader.string(connection, "connection.name", true);
        String strategy = reader.string(connection, "connection.strategy", true);
        Map<String, Object> organization = reader.object(top, "organization", Set.of("id"), false);
        String organizationId = organization == null ? null : reader.string(organization, "organization.id", true);
        Map<String, Object> stats = reader.object(top, "stats", Set.of("logins_count"), true);
        long loginsCount = reader.count(stats, "stats.logins_count");
        UserId id = reader.userId(userId);
        JsonBody.throwIfInvalid(reader.tree);
        return new LoginEvent(id, Optional.ofNullable(email), new Metadata(appMetadata),
                new LoginEvent.Connection(connectionId, connectionName, strategy), Optional.ofNullable(organizationId),
                loginsCount);
    }

    /**
     * The webhook's conventions over the shared {@link TreeReader}: every error at its path, a parent's error
     * not repeated for its children, strings of 1 to 512 characters; values are never quoted back.
     */
    private static final class Reader {
        private final TreeReader tree = new TreeReader("Unknown field.");

        /** {@code parent}'s field (or the root itself for "$"); null when absent, null, or not an object. */
        @Nullable Map<String, Object> object(@Nullable Object parent, String path, Set<String> allowed,
                                             boolean required) {
            boolean root = path.equals(TreeReader.ROOT);
            if (parent == null && !root) {
                return null; // the parent's error is reported already
            }
            Object node = root ? parent : ((Map<?, ?>) parent).get(path);
            if (node == null) {
                if (required) {
                    tree.error(path, root ? "The request body must be a JSON object." : "Required.");
                }
                return null;
            }
            return tree.object(node, path, allowed);
        }

        @Nullable String string(@Nullable Map<String, Object> parent, String path, boolean required) {
            Object node = parent == null ? null : parent.get(leaf(path));
            if (node == null) {
                if (required && parent != null) {
                    tree.error(path, "Required.");
                }
                return null;
            }
            if (!(node instanceof String text) || text.isBlank() || text.length() > 512) {
                tree.error(path, "Must be a string of 1 to 512 characters.");
                return null;
            }
            return text;
        }

        Map<String, Object> map(@Nullable Map<String, Object> parent, String path) {
            Object node = parent == null ? null : parent.get(leaf(path));
            Map<String, Object> map = node == null ? null : tree.object(node, path);
            return map == null ? Map.of() : map;
        }

        long count(@Nullable Map<String, Object> parent, String path) {
            Long count = parent == null ? null : TreeReader.integral(parent.get(leaf(path)));
            if (count == null || count < 1) {
                if (parent != null) {
                    tree.error(path, "Must be an integer of at least 1.");
                }
                return 1;
            }
            return count;
        }

        @Nullable UserId userId(@Nullable String value) {
            return value == null ? null : tree.value("user.user_id", () -> new UserId(value));
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    /** Documents the body in the OpenAPI description; the body itself is read from its raw bytes by {@link #parse}. */
    record LoginEventRequest(LoginEventUser user, LoginEventConnection connection,
                             @Nullable LoginEventOrganization organization, LoginEventStats stats) {
    }

    record LoginEventUser(@JsonProperty("user_id") String userId, @Nullable String email,
                          @JsonProperty("app_metadata") @Nullable Map<String, Object> appMetadata) {
    }

    record LoginEventConnection(String id, String name, String strategy) {
    }

    record LoginEventOrganization(String id) {
    }

    record LoginEventStats(@JsonProperty("logins_count") long loginsCount) {
    }

    record LoginEventResponse(List<RuleResultResponse> results,
                              @JsonProperty("app_metadata") Map<String, Object> appMetadata) {
        static LoginEventResponse from(LoginOutcome outcome) {
            return new LoginEventResponse(outcome.results().stream()
                    .map(r -> new RuleResultResponse(r.rule(), r.status().externalName(), r.reason().orElse(null)))
                    .toList(), outcome.appMetadata());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RuleResultResponse(String rule, String status, @Nullable String reason) {
    }
}
