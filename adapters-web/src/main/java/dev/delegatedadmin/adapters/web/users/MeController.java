package dev.delegatedadmin.adapters.web.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.WhoAmIUseCase;
import dev.delegatedadmin.application.port.in.WhoAmIUseCase.ActorProfile;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is and what they may do: what a UI needs to decide what to show. */
@RestController
public class MeController {

    private final WhoAmIUseCase whoAmI;

    MeController(WhoAmIUseCase whoAmI) {
        this.whoAmI = whoAmI;
    }

    @GetMapping("/api/v1/me")
    MeResponse me(@Parameter(hidden = true) Caller caller) {
        return MeResponse.from(whoAmI.whoAmI(caller.actor()));
    }

    @GetMapping("/api/v1/memberships")
    MembershipsResponse memberships(@Parameter(hidden = true) Caller caller) {
        return new MembershipsResponse(names(whoAmI.assignableMemberships(caller.actor())));
    }

    private static List<String> names(List<Department> departments) {
        return departments.stream().map(Department::name).toList();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MeResponse(
            @JsonProperty("user_id") String userId,
            String email,
            @Nullable String department,
            List<String> roles,
            ScopeResponse scope,
            @JsonProperty("assignable_memberships") List<String> assignableMemberships) {

        static MeResponse from(ActorProfile profile) {
            return new MeResponse(
                    profile.actor().id().value(),
                    profile.actor().email(),
                    profile.actor().department().map(Department::name).orElse(null),
                    profile.actor().roles().stream().sorted().map(Role::externalName).toList(),
                    ScopeResponse.from(profile.scope()),
                    names(profile.assignableMemberships()));
        }
    }

    record ScopeResponse(boolean all, List<String> departments) {

        static ScopeResponse from(Scope scope) {
            return new ScopeResponse(scope.all(), scope.departments().stream().sorted().map(Department::name).toList());
        }
    }

    record MembershipsResponse(List<String> memberships) {
    }
}
