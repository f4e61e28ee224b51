package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.policy.WritePolicy;
import java.util.Set;

/** A write policy alone (no custom fields, no login rules); by default the shipped one over Finance, HR, IT, Sales. */
public record StaticPolicyStore(WritePolicy activePolicy) implements PolicyStore {

    public static StaticPolicyStore shippedDefault() {
        return new StaticPolicyStore(WritePolicy.shippedDefault(new DepartmentSettings(
                Set.of(new Department("Finance"), new Department("HR"), new Department("IT"), new Department("Sales")),
                Set.of(new Department("IT")))));
    }

    @Override
    public PolicyDocument activeDocument() {
        return PolicyDocument.of(activePolicy);
    }
}
