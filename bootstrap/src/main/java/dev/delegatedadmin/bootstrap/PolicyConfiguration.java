package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.web.policyfile.PolicyFileLoader;
import dev.delegatedadmin.application.port.in.LoadPolicyFileUseCase;
import dev.delegatedadmin.application.port.in.PolicyVersionView;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.PolicyVersions;
import dev.delegatedadmin.application.service.PolicyAdministrationService;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The policy document: versions live in PostgreSQL (the persistence adapter's {@code PolicyVersions}, which is
 * also the {@code PolicyStore}); POLICY_FILE (default: the shipped SPEC section 3 document) is loaded while the
 * context starts, before the server takes requests ({@link PolicyFileLoader}). An invalid file stops the start with
 * every error listed.
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    /** What loading POLICY_FILE did: the new version, or nothing when the file had not changed. */
    record PolicyFileLoad(Optional<PolicyVersionView> newVersion) {
    }

    @Bean
    PolicyAdministrationService policyAdministrationService(PolicyVersions policyVersions, RecordAuditEvents auditTrail, Clock clock) {
        return new PolicyAdministrationService(policyVersions, auditTrail, clock);
    }

    @Bean
    PolicyFileLoad policyFileLoad(LoadPolicyFileUseCase loader, @Value("${delegated-admin.policy.file:}") String location) {
        return new PolicyFileLoad(new PolicyFileLoader(loader).load(location));
    }
}
