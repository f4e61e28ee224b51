package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.port.in.LoadPolicyFileUseCase;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.PolicyVersion;
import dev.delegatedadmin.application.port.out.PolicyVersions;
import dev.delegatedadmin.application.service.PolicyAdministrationService;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The policy document: versions live in PostgreSQL (the persistence adapter's {@code PolicyVersions}, which is
 * also the {@code PolicyStore}); POLICY_FILE (default: the shipped SPEC section 3 document) is loaded while the
 * context starts, before the server takes requests. An invalid file stops the start with every error listed.
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PolicyConfiguration.class);

    /** What loading POLICY_FILE did: the new version, or nothing when the file had not changed. */
    record PolicyFileLoad(Optional<PolicyVersion> newVersion) {
    }

    @Bean
    PolicyAdministrationService policyAdministrationService(PolicyVersions policyVersions, RecordAuditEvents auditTrail, Clock clock) {
        return new PolicyAdministrationService(policyVersions, auditTrail, clock);
    }

    @Bean
    PolicyFileLoad policyFileLoad(LoadPolicyFileUseCase loader, @Value("${delegated-admin.policy.file:}") String location) {
        PolicyFile file = PolicyFile.read(location);
        try {
            Optional<PolicyVersion> loaded = loader.loadFile(file.sourceName(), file.contentHash(), file.tree());
            loaded.ifPresentOrElse(
                    version -> log.info("Policy file {} stored as version {}, now active", file.sourceName(), version.version()),
                    () -> log.info("Policy file {} unchanged since it was last loaded", file.sourceName()));
            return new PolicyFileLoad(loaded);
        } catch (InvalidInputException e) {
            throw PolicyFile.invalid("POLICY_FILE " + file.sourceName() + " is not a valid policy document:"
                    + e.errors().stream().map(error -> "\n  " + error.field() + ": " + error.message())
                    .collect(Collectors.joining()), null);
        }
    }
}
