package dev.delegatedadmin.adapters.web.users;

import dev.delegatedadmin.adapters.web.http.DomainValues;
import dev.delegatedadmin.adapters.web.http.StorableStringsAdvice;
import dev.delegatedadmin.adapters.web.http.RefusalAudited;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.port.in.AuditRefusedInputUseCase;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.port.in.CreateUserUseCase;
import dev.delegatedadmin.application.port.in.DeleteUserUseCase;
import dev.delegatedadmin.application.port.in.GetUserUseCase;
import dev.delegatedadmin.application.port.in.ListUsersQuery;
import dev.delegatedadmin.application.port.in.ListUsersUseCase;
import dev.delegatedadmin.application.port.in.UpdateUserCommand;
import dev.delegatedadmin.application.port.in.UpdateUserUseCase;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import dev.delegatedadmin.domain.user.UserId;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/** Users in the caller's scope. Roles, scope and policy are the use cases' business; this only translates. */
@RestController
@RequestMapping(UserController.PATH)
public class UserController {

    static final String PATH = "/api/v1/users";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final ListUsersUseCase listUsers;
    private final GetUserUseCase getUser;
    private final CreateUserUseCase createUser;
    private final UpdateUserUseCase updateUser;
    private final DeleteUserUseCase deleteUser;
    private final AuditRefusedInputUseCase refusedInput;

    UserController(ListUsersUseCase listUsers, GetUserUseCase getUser, CreateUserUseCase createUser,
                   UpdateUserUseCase updateUser, DeleteUserUseCase deleteUser, AuditRefusedInputUseCase refusedInput) {
        this.refusedInput = refusedInput;
        this.listUsers = listUsers;
        this.getUser = getUser;
        this.createUser = createUser;
        this.updateUser = updateUser;
        this.deleteUser = deleteUser;
    }

    @GetMapping
    UsersResponse list(@Parameter(hidden = true) Caller caller,
                       @RequestParam(required = false) @Nullable String search,
                       @RequestParam(required = false) @Nullable String department,
                       @RequestParam(defaultValue = "0") int page,
                       @RequestParam(name = "per_page", defaultValue = "" + ListUsersQuery.DEFAULT_PER_PAGE) int perPage,
                       @RequestParam(name = "include_totals", defaultValue = "false") boolean includeTotals) {
        DomainValues.requireStorable("search", search);
        DomainValues.requireStorable("department", department);
        ListUsersQuery query = new ListUsersQuery(caller, Optional.ofNullable(search),
                Optional.ofNullable(department).filter(d -> !d.isBlank()), page, perPage, includeTotals);
        return UsersResponse.from(listUsers.list(query));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserResponse> create(@Parameter(hidden = true) Caller caller,
                                        @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                                schema = @Schema(implementation = CreateUserRequest.class)))
                                        @RequestBody @RefusalAudited JsonNode body) {
        requireStorable(caller, AuditAction.USER_CREATE, Optional.empty(), body);
        User created = createUser.create(new CreateUserCommand(caller, CreateUserRequest.from(body).toDomain()));
        return ResponseEntity.created(location(created.id())).body(UserResponse.from(created));
    }

    @GetMapping("/{id}")
    UserResponse get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        return UserResponse.from(getUser.get(caller, new UserId(id)));
    }

    @PatchMapping(path = "/{id}", consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    UserResponse update(@Parameter(hidden = true) Caller caller, @PathVariable String id,
                        @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                schema = @Schema(implementation = UserPatchRequest.class)))
                        @RequestBody @RefusalAudited JsonNode body) {
        requireStorable(caller, AuditAction.USER_UPDATE, Optional.of(id), body);
        UpdateUserCommand command = new UpdateUserCommand(caller, new UserId(id), UserPatchRequest.from(body).toDomain());
        return UserResponse.from(updateUser.update(command));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        deleteUser.delete(caller, new UserId(id));
    }

    /** Ids look like {@code auth0|abc}: the {@code |} is not allowed raw in a URI, so it becomes %7C. */
    static URI location(UserId id) {
        return URI.create(PATH + "/" + UriUtils.encodePathSegment(id.value(), StandardCharsets.UTF_8));
    }

    /** As {@link StorableStringsAdvice}, and the refused write is audited: the caller is known here. */
    private void requireStorable(Caller caller, AuditAction action, Optional<String> target, @Nullable JsonNode body) {
        List<InvalidInputException.FieldError> errors = body == null ? List.of() : StorableStringsAdvice.unstorable(body);
        if (!errors.isEmpty()) {
            throw refusedInput.refused(caller, action, target.flatMap(UserController::userId), errors);
        }
    }

    /** The path's id when it is one; the refused row then names the target. */
    private static Optional<UserId> userId(String id) {
        try {
            return Optional.of(new UserId(id));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
