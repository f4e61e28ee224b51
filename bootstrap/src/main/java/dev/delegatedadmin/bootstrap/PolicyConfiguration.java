package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.WritePolicy;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shipped default write policy over the configured departments. The versioned policy document
 * (POLICY_FILE and the policies API) replaces this store later; the rules are already data.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyConfiguration.DepartmentProperties.class)
class PolicyConfiguration {

    @ConfigurationProperties("delegated-admin")
    record DepartmentProperties(List<String> departments, List<String> unrestrictedDepartments) {
        DepartmentProperties {
            departments = departments == null ? List.of("Finance", "HR", "IT", "Sales") : departments;
            unrestrictedDepartments = unrestrictedDepartments == null ? List.of("IT") : unrestrictedDepartments;
        }

        DepartmentSettings toDomain() {
            return new DepartmentSettings(toSet(departments), toSet(unrestrictedDepartments));
        }

        private static Set<Department> toSet(List<String> names) {
            return names.stream().map(String::strip).map(Department::new).collect(Collectors.toSet());
        }
    }

    @Bean
    PolicyStore policyStore(DepartmentProperties properties) {
        WritePolicy policy = WritePolicy.shippedDefault(properties.toDomain());
        return () -> policy;
    }
}
