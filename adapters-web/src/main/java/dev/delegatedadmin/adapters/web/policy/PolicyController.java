package dev.delegatedadmin.adapters.web.policy;

import dev.delegatedadmin.adapters.web.http.JsonBody;
import dev.delegatedadmin.adapters.web.users.CreateUserRequest;
import dev.delegatedadmin.adapters.web.http.DomainValues;
import dev.delegatedadmin.adapters.web.users.UserPatchRequest;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.ManagePoliciesUseCase;
import dev.delegatedadmin.application.port.in.SimulatePolicyUseCase;
import dev.delegatedadmin.application.port.in.SimulatePolicyUseCase.Simulation;
import dev.delegatedadmin.application.port.in.SimulatePolicyUseCase.SimulationCommand;
import dev.delegatedadmin.application.port.in.PolicyVersionView;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.Profile;
import dev.delegatedadmin.domain.policy.UserChanges;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The policy document and its versions (SPEC section 7). Administrators only; the use cases check that. */
@RestController
@RequestMapping(PolicyController.PATH)
public class PolicyController {

    static final String PATH = "/api/v1/policies";
    private static final Set<String> SIMULATION_FIELDS = Set.of("actor", "method", "payload", "original_user");
    private static final Set<String> ACTOR_FIELDS = Set.of("user_id", "email", "department", "roles");
    private static final Set<String> ORIGINAL_USER_FIELDS = Set.of("user_id", "email", "connection", "email_verified",
            "blocked", "user_metadata", "app_metadata");

    private final ManagePoliciesUseCase policies;
    private final SimulatePolicyUseCase simulator;

    PolicyController(ManagePoliciesUseCase policies, SimulatePolicyUseCase simulator) {
        this.policies = policies;
        this.simulator = simulator;
    }

    @GetMapping
    PolicyVersionResponse current(@Parameter(hidden = true) Caller caller) {
        return PolicyVersionResponse.from(policies.current(caller), true);
    }

    /** The whole document, validated; stored as a new active version. */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    PolicyVersionResponse update(@Parameter(hidden = true) Caller caller, @RequestBody JsonNode body,
                                 @RequestParam(name = "confirm", required = false) String confirm) {
        return PolicyVersionResponse.from(policies.update(caller, JsonBody.toJava(body), confirmsWeakening(confirm)), true);
    }

    @GetMapping("/versions")
    VersionsResponse versions(@Parameter(hidden = true) Caller caller) {
        return new VersionsResponse(policies.versions(caller).stream().map(v -> PolicyVersionResponse.from(v, false)).toList());
    }

    @GetMapping("/versions/{version}")
    PolicyVersionResponse version(@Parameter(hidden = true) Caller caller, @PathVariable long version) {
        return PolicyVersionResponse.from(policies.version(caller, version), true);
    }

    @PostMapping("/versions/{version}/activate")
    PolicyVersionResponse activate(@Parameter(hidden = true) Caller caller, @PathVariable long version,
                                   @RequestParam(name = "confirm", required = false) String confirm) {
        return PolicyVersionResponse.from(policies.activate(caller, version, confirmsWeakening(confirm)), true);
    }

    /** A dry run: 200 with the decision whatever it is; nothing is written and the IdP is not called. */
    @PostMapping(path = "/simulate", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> simulate(@Parameter(hidden = true) Caller caller, @RequestBody JsonNode body) {
        JsonBody json = JsonBody.object(body, SIMULATION_FIELDS);
        String method = json.string("method");
        if (!body.has("method")) {
            json.error("method", "Required: create or update.");
        } else if (method != null && !method.equals("create") && !method.equals("update")) {
            json.error("method", "Must be create or update.");
        }
        List<FieldError> errors = new ArrayList<>();
        Actor actor = nested(errors, "actor", () -> actor(body.get("actor")));
        WriteMethod writeMethod = "update".equals(method) ? WriteMethod.UPDATE : WriteMethod.CREATE;
        WritePayload payload = nested(errors, "payload", () -> writeMethod == WriteMethod.CREATE
                ? CreateUserRequest.from(body.get("payload")).toDomain()
                : UserPatchRequest.from(body.get("payload")).toDomain());
        User original = body.hasNonNull("original_user")
                ? nested(errors, "original_user", () -> originalUser(body.get("original_user"))) : null;
        errors.forEach(error -> json.error(error.field(), error.message()));
        json.throwIfInvalid();
        return SimulationResponse.from(simulator.simulate(
                new SimulationCommand(caller, actor, writeMethod, payload, Optional.ofNullable(original))));
    }

    /** Reads a nested object, reporting its field errors under {@code prefix}. */
    private static <T> @Nullable T nested(List<FieldError> errors, String prefix, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> errors.add(new FieldError(
                    error.field().equals("$") ? prefix : prefix + "." + error.field(), error.message())));
            return null;
        } catch (InvalidValueException e) {
            errors.add(new FieldError(prefix + "." + e.field(), e.getMessage()));
            return null;
        }
    }

    private static Actor actor(@Nullable JsonNode node) {
        JsonBody json = JsonBody.object(node, ACTOR_FIELDS);
        String id = json.string("user_id");
        String email = json.string("email");
        String department = json.string("department");
        List<String> roleNames = json.strings("roles");
        json.throwIfInvalid();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<FieldError> errors = new ArrayList<>();
        List<String> names = roleNames == null ? List.of() : roleNames;
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            Role.fromExternalName(names.get(i)).ifPresentOrElse(roles::add,
                    () -> errors.add(new FieldError("roles[" + index + "]", "Unknown role.")));
        }
        DomainValues values = new DomainValues();
        Department dept = values.of("department", department, Department::new);
        UserId userId = values.of("user_id", id == null ? "simulated|actor" : id, UserId::new);
        values.throwIfInvalid();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Actor(userId, email == null ? "simulated-actor" : email, Optional.ofNullable(dept), roles);
    }

    private static User originalUser(JsonNode node) {
        JsonBody json = JsonBody.object(node, ORIGINAL_USER_FIELDS);
        String id = json.string("user_id");
        String email = json.string("email");
        String connection = json.string("connection");
        Boolean verified = json.bool("email_verified");
        Boolean blocked = json.bool("blocked");
        Map<String, Object> userMetadata = json.object("user_metadata");
        Map<String, Object> appMetadata = json.object("app_metadata");
        if (email == null) {
            json.error("email", "Required.");
        }
        json.throwIfInvalid();
        DomainValues values = new DomainValues();
        UserId userId = values.of("user_id", id == null ? "simulated|user" : id, UserId::new);
        Email address = values.of("email", email, Email::new);
        ConnectionName connectionName = values.of("connection",
                connection == null ? ConnectionName.DEFAULT_DATABASE.value() : connection, ConnectionName::new);
        values.throwIfInvalid();
        Instant now = Instant.now();
        return new User(userId, address, connectionName, Boolean.TRUE.equals(verified), Boolean.TRUE.equals(blocked),
                new Metadata(userMetadata == null ? Map.of() : userMetadata),
                new Metadata(appMetadata == null ? Map.of() : appMetadata), now, now, 0, Optional.empty());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PolicyVersionResponse(
            long version,
            boolean active,
            String source,
            @JsonProperty("source_name") @Nullable String sourceName,
            @JsonProperty("content_hash") String contentHash,
            @JsonProperty("created_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
            @JsonProperty("created_by") @Nullable String createdBy,
            @Nullable Map<String, Object> document) {

        static PolicyVersionResponse from(PolicyVersionView version, boolean withDocument) {
            return new PolicyVersionResponse(version.version(), version.active(), version.source().externalName(),
                    version.sourceName().orElse(null), version.contentHash(), version.createdAt(),
                    version.createdBy().orElse(null), withDocument ? version.tree() : null);
        }
    }

    record VersionsResponse(List<PolicyVersionResponse> versions) {
    }

    /** Hand-mapped: a profile never shows a password, only whether one would be sent. */
    static final class SimulationResponse {

        private SimulationResponse() {
        }

        static Map<String, Object> from(Simulation simulation) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("policy_version", simulation.policyVersion());
            switch (simulation.verdict()) {
                case DENIED -> {
                    body.put("decision", "denied");
                    body.put("rule", simulation.rule().orElseThrow());
                    body.put("message", simulation.message().orElseThrow());
                }
                case INVALID -> {
                    body.put("decision", "invalid");
                    body.put("errors", simulation.errors());
                }
                case ALLOWED -> {
                    body.put("decision", "allowed");
                    body.put("profile", profile(simulation.profile().orElseThrow()));
                    simulation.changes().ifPresent(changes -> body.put("changes", changes(changes)));
                }
            }
            return body;
        }

        private static Map<String, Object> profile(Profile profile) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("email", profile.email().map(Email::value).orElse(null));
            map.put("connection", profile.connection().map(ConnectionName::value).orElse(null));
            map.put("password_set", profile.password().isPresent());
            map.put("blocked", profile.blocked());
            map.put("user_metadata", profile.userMetadata().values());
            map.put("app_metadata", profile.appMetadata().values());
            return map;
        }

        private static Map<String, Object> changes(UserChanges changes) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("changed_fields", changes.changedFieldNames());
            changes.email().ifPresent(email -> map.put("email", email.value()));
            changes.emailVerified().ifPresent(verified -> map.put("email_verified", verified));
            changes.blocked().ifPresent(blocked -> map.put("blocked", blocked));
            map.put("user_metadata", changes.userMetadata());
            map.put("app_metadata", changes.appMetadata());
            return map;
        }
    }

    /** {@code ?confirm=weaken} applies a change that weakens protections; any other value is a 400. */
    private static boolean confirmsWeakening(String confirm) {
        if (confirm == null) {
            return false;
        }
        if (!confirm.equals("weaken")) {
            throw InvalidInputException.of("confirm", "The only value is \"weaken\".");
        }
        return true;
    }
}
