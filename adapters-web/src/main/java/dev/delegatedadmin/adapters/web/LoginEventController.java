package dev.delegatedadmin.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.LoginOutcome;
import dev.delegatedadmin.application.port.in.ProcessSignedLoginUseCase;
import dev.delegatedadmin.domain.login.LoginEvent;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.UserId;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.time.Clock;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed webhook of the Auth0 post-login Action (SPEC section 6). Off (404) without {@code LOGIN_EVENTS_SECRET}.
 * The signature is checked on the raw bytes before anything is parsed: a bad, missing or stale one is a 401, then a
 * malformed body is a 400.
 */
@RestController
@SecurityRequirements // signed, not a bearer token
class LoginEventController {

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
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JacksonException e) {
            throw InvalidInputException.of("$", "The request body is not valid JSON.");
        }
        Reader reader = new Reader();
        JsonNode top = reader.object(root, "$", "", Set.of("user", "connection", "organization", "stats"), true);
        JsonNode user = reader.object(top, "user", "user.", Set.of("user_id", "email", "app_metadata"), true);
        String userId = reader.string(user, "user.user_id", true);
        String email = reader.string(user, "user.email", false);
        Map<String, Object> appMetadata = reader.map(user, "user.app_metadata");
        JsonNode connection = reader.object(top, "connection", "connection.", Set.of("id", "name", "strategy"), true);
        String connectionId = reader.string(connection, "connection.id", true);
        String connectionName = reader.string(connection, "connection.name", true);
        String strategy = reader.string(connection, "connection.strategy", true);
        JsonNode organization = reader.object(top, "organization", "organization.", Set.of("id"), false);
        String organizationId = organization == null ? null : reader.string(organization, "organization.id", true);
        JsonNode stats = reader.object(top, "stats", "stats.", Set.of("logins_count"), true);
        long loginsCount = reader.count(stats, "stats.logins_count");
        UserId id = reader.userId(userId);
        reader.throwIfInvalid();
        return new LoginEvent(id, Optional.ofNullable(email), new Metadata(appMetadata),
                new LoginEvent.Connection(connectionId, connectionName, strategy), Optional.ofNullable(organizationId),
                loginsCount);
    }

    /** Strict reading with every error at its path; values are never quoted back. */
    private static final class Reader {
        private final List<FieldError> errors = new ArrayList<>();

        /** {@code parent}'s field (or the root itself for "$"); null when absent, null, or not an object. */
        @Nullable JsonNode object(@Nullable JsonNode parent, String path, String prefix, Set<String> allowed,
                                  boolean required) {
            if (parent == null && !path.equals("$")) {
                return null; // the parent's error is reported already
            }
            JsonNode node = path.equals("$") ? parent : parent.get(path);
            if (node == null || node.isNull() || !node.isObject()) {
                if (node != null && !node.isNull()) {
                    errors.add(new FieldError(path, "Must be an object."));
                } else if (required) {
                    errors.add(new FieldError(path, path.equals("$") ? "The request body must be a JSON object."
                            : "Required."));
                }
                return null;
            }
            for (String name : node.propertyNames()) {
                if (!allowed.contains(name)) {
                    errors.add(new FieldError(prefix + name, "Unknown field."));
                }
            }
            return node;
        }

        @Nullable String string(@Nullable JsonNode parent, String path, boolean required) {
            JsonNode node = parent == null ? null : parent.get(leaf(path));
            if (node == null || node.isNull()) {
                if (required && parent != null) {
                    errors.add(new FieldError(path, "Required."));
                }
                return null;
            }
            if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > 512) {
                errors.add(new FieldError(path, "Must be a string of 1 to 512 characters."));
                return null;
            }
            return node.stringValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(@Nullable JsonNode parent, String path) {
            JsonNode node = parent == null ? null : parent.get(leaf(path));
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                errors.add(new FieldError(path, "Must be an object."));
                return Map.of();
            }
            return (Map<String, Object>) JsonBody.toJava(node);
        }

        long count(@Nullable JsonNode parent, String path) {
            JsonNode node = parent == null ? null : parent.get(leaf(path));
            if (node == null || !node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 1) {
                if (parent != null) {
                    errors.add(new FieldError(path, "Must be an integer of at least 1."));
                }
                return 1;
            }
            return node.longValue();
        }

        @Nullable UserId userId(@Nullable String value) {
            if (value == null) {
                return null;
            }
            try {
                return new UserId(value);
            } catch (InvalidValueException e) {
                errors.add(new FieldError("user.user_id", e.getMessage()));
                return null;
            }
        }

        void throwIfInvalid() {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
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
