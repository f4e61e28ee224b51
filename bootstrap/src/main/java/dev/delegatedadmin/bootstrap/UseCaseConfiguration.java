package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.port.in.ProcessLoginUseCase;
import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.IdentityProvider;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.application.service.ActorService;
import dev.delegatedadmin.application.service.AuditQueryService;
import dev.delegatedadmin.application.service.BootstrapAdministratorService;
import dev.delegatedadmin.application.service.LoginProvisioningService;
import dev.delegatedadmin.application.service.SessionService;
import dev.delegatedadmin.application.service.UserQueryService;
import dev.delegatedadmin.application.service.UserWriteService;
import dev.delegatedadmin.domain.audit.SecretFields;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The use cases, wired by hand so that Spring never enters the domain or the application. */
@Configuration(proxyBeanMethods = false)
class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * {@code delegated-admin.audit.secret-fields}: fields (e.g. {@code user_metadata.ssn}) whose values the audit
     * trail never holds, besides the password and credential-like names that {@link SecretFields} always redacts.
     */
    @Bean
    UserWriteService userWriteService(IdentityProvider identityProvider, AuditTrail auditTrail, PolicyStore policyStore,
                                      Clock clock, Optional<ActorCacheConfiguration.ActorCache> actorCache,
                                      ActorInvalidations actorInvalidations,
                                      @Value("${delegated-admin.audit.secret-fields:}") List<String> secretFields) {
        // With a cached actor, every update or delete evicts its target here and on every other instance.
        IdentityProvider writes = actorCache
                .map(cache -> ActorInvalidationListener.announcing(identityProvider, cache.lookup(), actorInvalidations))
                .orElse(identityProvider);
        return new UserWriteService(writes, auditTrail, policyStore, clock, new SecretFields(
                secretFields.stream().map(String::strip).filter(f -> !f.isEmpty()).collect(Collectors.toSet())));
    }

    @Bean
    UserQueryService userQueryService(IdentityProvider identityProvider, PolicyStore policyStore) {
        return new UserQueryService(identityProvider, policyStore);
    }

    /**
     * With Auth0, who the caller is (department, roles) is read through the Management API and cached briefly
     * ({@link ActorCacheConfiguration}); a write request accepts only a very recent copy.
     */
    @Bean
    ActorService actorService(IdentityProvider identityProvider, PolicyStore policyStore,
                              Optional<ActorCacheConfiguration.ActorCache> actorCache,
                              @Value("${delegated-admin.auth0.actor-write-max-age:5s}") Duration writeMaxAge) {
        return actorCache
                .map(cache -> new ActorService(cache.lookup(), cache.lookup().forWrites(writeMaxAge), policyStore))
                .orElseGet(() -> new ActorService(identityProvider, policyStore));
    }

    /** Local IdP only: with Auth0, callers log in at Auth0. */
    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    SessionService sessionService(CredentialVerifier credentialVerifier, TokenIssuer tokenIssuer, AuditTrail auditTrail,
                                  Clock clock, ProcessLoginUseCase loginRules) {
        return new SessionService(credentialVerifier, tokenIssuer, auditTrail, clock, Optional.of(loginRules));
    }

    /** Post-login provisioning: the webhook and (local IdP) {@code /session} share it. */
    @Bean
    LoginProvisioningService loginProvisioningService(PolicyStore policyStore, LoginProvisioning loginProvisioning,
                                                      LoginRuleLedger loginRuleLedger, AuditTrail auditTrail,
                                                      Clock clock) {
        return new LoginProvisioningService(policyStore, loginProvisioning, loginRuleLedger, auditTrail, clock);
    }

    @Bean
    AuditQueryService auditQueryService(AuditTrail auditTrail, PolicyStore policyStore) {
        return new AuditQueryService(auditTrail, policyStore);
    }

    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    BootstrapAdministratorService bootstrapAdministratorService(IdentityProvider identityProvider, AuditTrail auditTrail,
                                                                Clock clock) {
        return new BootstrapAdministratorService(identityProvider, auditTrail, clock);
    }
}
