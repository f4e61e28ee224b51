package dev.delegatedadmin.adapters.web;

import dev.delegatedadmin.adapters.web.security.LocalJwtDecoder;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.application.service.ActorService;
import dev.delegatedadmin.application.service.AuditQueryService;
import dev.delegatedadmin.application.service.PolicyAdministrationService;
import dev.delegatedadmin.application.testsupport.InMemoryPolicyVersions;
import dev.delegatedadmin.application.service.LocalTokenService;
import dev.delegatedadmin.application.service.LoginThrottleService;
import dev.delegatedadmin.application.port.in.LoginThrottleSettings;
import dev.delegatedadmin.application.service.SessionService;
import dev.delegatedadmin.application.service.SigningKeyService;
import dev.delegatedadmin.application.testsupport.InMemoryCredentialVersions;
import dev.delegatedadmin.application.testsupport.InMemoryLoginThrottleStore;
import dev.delegatedadmin.application.service.RefusedInputService;
import dev.delegatedadmin.application.service.UserQueryService;
import dev.delegatedadmin.application.service.UserWriteService;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What bootstrap does, for tests: the real use case services over the in-memory test doubles, and the local
 * JWT decoder over a test key that really signs RS256 tokens.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebAdapterConfiguration.class)
class TestApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FlakyIdentityProvider identityProvider(Clock clock) {
        return new FlakyIdentityProvider(clock);
    }

    @Bean
    InMemoryAuditTrail auditTrail(Clock clock) {
        return new InMemoryAuditTrail(clock);
    }

    @Bean
    StaticPolicyStore policyStore() {
        return StaticPolicyStore.shippedDefault();
    }

    /** Versions for the policy administration tests; the user services keep the static default above. */
    @Bean
    InMemoryPolicyVersions policyVersions() {
        return new InMemoryPolicyVersions();
    }

    @Bean
    PolicyAdministrationService policyAdministrationService(InMemoryPolicyVersions policyVersions,
                                                            InMemoryAuditTrail auditTrail, Clock clock) {
        return new PolicyAdministrationService(policyVersions, auditTrail, clock);
    }

    @Bean
    TestTokens tokens() {
        return new TestTokens();
    }

    @Bean
    UserWriteService userWriteService(FlakyIdentityProvider identityProvider, InMemoryAuditTrail auditTrail,
                                      StaticPolicyStore policyStore, Clock clock) {
        return new UserWriteService(identityProvider, identityProvider, auditTrail, policyStore, clock);
    }

    @Bean
    RefusedInputService refusedInputService(InMemoryAuditTrail auditTrail, Clock clock) {
        return new RefusedInputService(auditTrail, clock);
    }

    @Bean
    UserQueryService userQueryService(FlakyIdentityProvider identityProvider, StaticPolicyStore policyStore) {
        return new UserQueryService(identityProvider, identityProvider, policyStore);
    }

    @Bean
    ActorService actorService(FlakyIdentityProvider identityProvider, StaticPolicyStore policyStore) {
        return new ActorService(identityProvider, policyStore);
    }

    @Bean
    AuditQueryService auditQueryService(InMemoryAuditTrail auditTrail, StaticPolicyStore policyStore) {
        return new AuditQueryService(auditTrail, auditTrail, auditTrail, policyStore);
    }

    /** Generous limits: the API tests are not about throttling (the bootstrap end-to-end tests are). */
    @Bean
    LoginThrottleService loginThrottle(FlakyIdentityProvider identityProvider, InMemoryAuditTrail auditTrail, Clock clock) {
        LoginThrottleSettings.Limit limit = new LoginThrottleSettings.Limit(1_000, Duration.ofMinutes(15),
                Duration.ofMinutes(15));
        return new LoginThrottleService(new LoginThrottleSettings(limit, limit, 4, Duration.ofSeconds(5)),
                new InMemoryLoginThrottleStore(clock), identityProvider, auditTrail, clock);
    }

    @Bean
    SessionService sessionService(FlakyIdentityProvider identityProvider, TestTokens tokens,
                                  InMemoryAuditTrail auditTrail, Clock clock, LoginThrottleService throttle) {
        return new SessionService(identityProvider, tokens, auditTrail, clock, throttle, Optional.empty());
    }

    @Bean
    InMemoryCredentialVersions credentialVersions() {
        return new InMemoryCredentialVersions();
    }

    @Bean
    LocalTokenService localTokenService(InMemoryCredentialVersions versions, InMemoryAuditTrail auditTrail,
                                        Clock clock) {
        return new LocalTokenService(versions, auditTrail, clock);
    }

    @Bean
    SigningKeyService signingKeyService(TestTokens tokens) {
        return new SigningKeyService(tokens);
    }

    @Bean
    JwtDecoder jwtDecoder(PublishSigningKeysUseCase keys, LocalTokenService tokens) {
        return LocalJwtDecoder.create(keys, tokens, TestTokens.ISSUER, TestTokens.AUDIENCE, TestTokens.LIFETIME);
    }

    /** Found by the adapter's component scan: makes the container forward to the error path. */
    @Hidden
    @RestController
    static class SendErrorController {

        @GetMapping("/api/v1/test/send-error/{status}")
        void sendError(@PathVariable int status, HttpServletResponse response) throws IOException {
            response.sendError(status);
        }
    }
}
