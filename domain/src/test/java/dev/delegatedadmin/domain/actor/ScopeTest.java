package dev.delegatedadmin.domain.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static final Department FINANCE = new Department("Finance");
    private static final Department IT = new Department("IT");
    private static final DepartmentSettings SETTINGS = new DepartmentSettings(Set.of(FINANCE, IT), Set.of(IT));

    private static Actor actor(Department department, Role... roles) {
        return new Actor(new UserId("a"), "a@example.com", Optional.ofNullable(department), Set.of(roles));
    }

    @Test
    void own_department_only_by_default() {
        assertThat(Scope.of(actor(FINANCE, Role.USER_ADMIN), SETTINGS)).isEqualTo(Scope.of(Set.of(FINANCE)));
    }

    @Test
    void unrestricted_department_sees_all() {
        assertThat(Scope.of(actor(IT, Role.AUDITOR), SETTINGS).all()).isTrue();
    }

    @Test
    void administrator_sees_all_whatever_the_department() {
        assertThat(Scope.of(actor(null, Role.ADMINISTRATOR), SETTINGS).all()).isTrue();
    }

    @Test
    void no_department_no_scope() {
        assertThat(Scope.of(actor(null, Role.USER_ADMIN), SETTINGS).isEmpty()).isTrue();
    }

    @Test
    void roles_are_cumulative() {
        Actor operator = actor(FINANCE, Role.OPERATOR);
        assertThat(operator.has(Role.AUDITOR)).isTrue();
        assertThat(operator.has(Role.USER_ADMIN)).isTrue();
        assertThat(operator.has(Role.OPERATOR)).isTrue();
        assertThat(operator.has(Role.ADMINISTRATOR)).isFalse();
        assertThat(actor(FINANCE).has(Role.AUDITOR)).isFalse();
    }
}
