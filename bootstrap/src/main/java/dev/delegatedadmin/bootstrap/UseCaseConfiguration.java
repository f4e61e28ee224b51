package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.auth0.actorcache.AnnouncingUserWrites;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase;
import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.ExportAuditEvents;
import dev.delegatedadmin.application.port.out.QueryAuditEvents;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.VerifyAuditChain;
import dev.delegatedadmin.application.port.out.CredentialVerifier;
import dev.delegatedadmin.application.port.out.CredentialVersions;
import dev.delegatedadmin.application.port.out.LoadUsers;
import dev.delegatedadmin.application.port.out.LoginEventReceipts;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.application.port.out.LoginThrottleStore;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.application.port.out.SearchUsers;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.application.port.out.WriteUsers;
import dev.delegatedadmin.application.service.ActorService;
import dev.delegatedadmin.application.service.AuditQueryService;
import dev.delegatedadmin.application.service.BootstrapAdministratorService;
import dev.delegatedadmin.application.service.LocalTokenService;
import dev.delegatedadmin.application.service.LoginProvisioningService;
import dev.delegatedadmin.application.service.RefusedInputService;
import dev.delegatedadmin.application.service.LoginThrottleService;
import dev.delegatedadmin.application.service.SessionService;
import dev.delegatedadmin.application.service.SignedLoginEventService;
import dev.delegatedadmin.application.service.SigningKeyService;
import dev.delegatedadmin.application.service.UserQueryService;
import dev.delegatedadmin.application.service.UserWriteService;
import dev.delegatedadmin.domain.audit.SecretFields;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The use cases, wired by hand so that Spring never enters the domain or the application. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
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
    UserWriteService userWriteService(LoadUsers loadUsers, WriteUsers writeUsers, RecordAuditEvents auditTrail,
                                      PolicyStore policyStore, Clock clock,
                                      Optional<ActorCacheConfiguration.ActorCache> actorCache,
                                      ActorInvalidations actorInvalidations,
                                      @Value("${delegated-admin.audit.secret-fields:}") List<String> secretFields,
                                      MeterRegistry meterRegistry) {
        // With a cached actor, every update or delete evicts its target here and on every other instance.
        WriteUsers writes = actorCache
                .<WriteUsers>map(cache -> new AnnouncingUserWrites(writeUsers, cache.lookup(), actorInvalidations))
                .orElse(writeUsers);
        // Every decision is recorded: counted there (ProductMetrics), the service knows no metrics.
        return new UserWriteService(loadUsers, writes, ProductMetrics.countingDecisions(auditTrail, meterRegistry),
                policyStore, clock, new SecretFields(
                secretFields.stream().map(String::strip).filter(f -> !f.isEmpty()).collect(Collectors.toSet())));
    }

    /** Writes refused for input that cannot be stored are audited too (issue 13, item 3). */
    @Bean
    RefusedInputService refusedInputService(RecordAuditEvents auditTrail, Clock clock) {
        return new RefusedInputService(auditTrail, clock);
    }

    @Bean
    UserQueryService userQueryService(LoadUsers loadUsers, SearchUsers searchUsers, PolicyStore policyStore) {
        return new UserQueryService(loadUsers, searchUsers, policyStore);
    }

    /**
     * With Auth0, who the caller is (department, roles) is read through the Management API and cached briefly
     * ({@link ActorCacheConfiguration}); a write request accepts only a very recent copy.
     */
    @Bean
    ActorService actorService(LoadUsers loadUsers, PolicyStore policyStore,
                              Optional<ActorCacheConfiguration.ActorCache> actorCache,
                              @Value("${delegated-admin.auth0.actor-write-max-age:5s}") Duration writeMaxAge) {
        return actorCache
                .map(cache -> new ActorService(cache.lookup(), cache.lookup().forWrites(writeMaxAge), policyStore))
                .orElseGet(() -> new ActorService(loadUsers, policyStore));
    }

    /** Local IdP only: with Auth0, callers log in at Auth0 (which has its own brute-force protection). */
    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    SessionService sessionService(CredentialVerifier credentialVerifier, TokenIssuer tokenIssuer, RecordAuditEvents auditTrail,
                                  Clock clock, LoginThrottleService loginThrottle, ProcessLoginUseCase loginRules) {
        return new SessionService(credentialVerifier, tokenIssuer, auditTrail, clock, loginThrottle,
                Optional.of(loginRules));
    }

    /** The keys that verify local tokens: {@code /.well-known/jwks.json} and the service's own token check. */
    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    SigningKeyService signingKeyService(TokenIssuer tokenIssuer) {
        return new SigningKeyService(tokenIssuer);
    }

    /** Brute-force protection of {@code POST /api/v1/session}, counted in PostgreSQL for every instance. */
    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    LoginThrottleService loginThrottle(LoginProperties properties, LoginThrottleStore store, LoadUsers loadUsers,
                                RecordAuditEvents auditTrail, Clock clock) {
        return new LoginThrottleService(properties.settings(), store, loadUsers, auditTrail, clock);
    }

    /** Local tokens carry a credential version, checked on every request; logout bumps it. */
    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    LocalTokenService localTokenService(CredentialVersions credentialVersions, RecordAuditEvents auditTrail, Clock clock) {
        return new LocalTokenService(credentialVersions, auditTrail, clock);
    }

    /** Post-login provisioning: the webhook and (local IdP) {@code /session} share it. */
    @Bean
    LoginProvisioningService loginProvisioningService(PolicyStore policyStore, LoginProvisioning loginProvisioning,
                                                      LoginRuleLedger loginRuleLedger, RecordAuditEvents auditTrail,
                                                      Clock clock, MeterRegistry meterRegistry) {
        return new LoginProvisioningService(policyStore, loginProvisioning,
                ProductMetrics.countingOutcomes(loginRuleLedger, meterRegistry), auditTrail, clock);
    }

    /**
     * The webhook, once per signed event: receipts are kept 7 minutes (a signature is accepted from 1 minute ahead
     * to 5 minutes old), and a copy waits up to 10 s for the first copy's answer.
     */
    @Bean
    SignedLoginEventService signedLoginEventService(LoginProvisioningService loginProvisioningService,
                                                    LoginEventReceipts receipts, Clock clock) {
        return new SignedLoginEventService(loginProvisioningService, receipts, clock, Duration.ofMinutes(7),
                Duration.ofSeconds(10));
    }

    @Bean
    AuditQueryService auditQueryService(QueryAuditEvents auditQueries, ExportAuditEvents auditExports,
                                        VerifyAuditChain auditChain, PolicyStore policyStore) {
        return new AuditQueryService(auditQueries, auditExports, auditChain, policyStore);
    }

    @Bean
    @ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "local", matchIfMissing = true)
    BootstrapAdministratorService bootstrapAdministratorService(SearchUsers searchUsers, WriteUsers writeUsers,
                                                                RecordAuditEvents auditTrail, Clock clock) {
        return new BootstrapAdministratorService(searchUsers, writeUsers, auditTrail, clock);
    }
}
