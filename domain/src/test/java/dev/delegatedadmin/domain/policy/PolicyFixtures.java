package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class PolicyFixtures {

    static final Department FINANCE = new Department("Finance");
    static final Department HR = new Department("HR");
    static final Department IT = new Department("IT");
    static final DepartmentSettings DEPARTMENTS = new DepartmentSettings(Set.of(FINANCE, HR, IT), Set.of(IT));
    static final WritePolicy POLICY = WritePolicy.shippedDefault(DEPARTMENTS);
    static final ConnectionFacts ONLY_DEFAULT_DB = c -> c.equals(ConnectionName.DEFAULT_DATABASE);

    private PolicyFixtures() {
    }

    static Actor actor(String id, Department department, Role... roles) {
        return new Actor(new UserId(id), id + "@example.com", Optional.ofNullable(department), Set.copyOf(Arrays.asList(roles)));
    }

    static final Actor KELLY = actor("kelly", FINANCE, Role.USER_ADMIN);
    static final Actor IT_ADMIN = actor("ivan", IT, Role.USER_ADMIN);
    static final Actor ADMINISTRATOR = actor("ada", HR, Role.ADMINISTRATOR);
    static final Actor NOMAD = actor("nomad", null, Role.USER_ADMIN);

    static WritePayload createPayload(String email, Department... memberships) {
        return WritePayload.empty().withEmail(new Email(email)).withMemberships(List.of(memberships));
    }

    static PolicyDecision create(Actor actor, WritePayload payload) {
        return POLICY.evaluate(new WriteContext(WriteMethod.CREATE, actor, Scope.of(actor, DEPARTMENTS), payload,
                Optional.empty(), ONLY_DEFAULT_DB));
    }

    static PolicyDecision update(Actor actor, User original, WritePayload patch) {
        return POLICY.evaluate(new WriteContext(WriteMethod.UPDATE, actor, Scope.of(actor, DEPARTMENTS), patch,
                Optional.of(original), ONLY_DEFAULT_DB));
    }

    static PolicyDecision delete(Actor actor, User target) {
        return POLICY.evaluate(new WriteContext(WriteMethod.DELETE, actor, Scope.of(actor, DEPARTMENTS),
                WritePayload.empty(), Optional.of(target), ONLY_DEFAULT_DB));
    }

    static User user(String id, Department department, Object... appMetadataPairs) {
        Map<String, Object> app = new LinkedHashMap<>();
        if (department != null) {
            app.put(User.DEPARTMENT_KEY, department.name());
        }
        for (int i = 0; i < appMetadataPairs.length; i += 2) {
            app.put((String) appMetadataPairs[i], appMetadataPairs[i + 1]);
        }
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new User(new UserId(id), new Email(id + "@example.com"), ConnectionName.DEFAULT_DATABASE, true, false,
                new Metadata(Map.of("theme", "dark", "prefs", Map.of("lang", "en"))), new Metadata(app), t, t, 3,
                Optional.empty());
    }

    static MetadataPatch patch(Object... pairs) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            changes.put((String) pairs[i], pairs[i + 1]);
        }
        return MetadataPatch.of(changes);
    }

    static Profile allowedProfile(PolicyDecision decision) {
        if (decision instanceof PolicyDecision.Allowed(Profile profile)) {
            return profile;
        }
        throw new AssertionError("expected allowed, got " + decision);
    }
}
