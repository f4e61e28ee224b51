package dev.delegatedadmin.adapters.persistence;

import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL adapters, for the application to {@code @Import}: the local user directory (one bean, both
 * {@code IdentityProvider} and {@code CredentialVerifier}), the audit trail, the policy versions (both
 * {@code PolicyVersions} and {@code PolicyStore}) and the local token issuer.
 *
 * <p>Needs a {@link DSLContext} (Spring Boot's jOOQ auto-configuration makes one from the DataSource, on a schema
 * migrated by Flyway from {@code classpath:db/migration}) and a {@link Clock} bean.
 *
 * <p>The audit trail is always defined. The local IdP's beans (directory, token issuer) only when {@code idp} (the
 * {@code IDP} environment variable) is {@code local} or unset, so that another IdP adapter can provide
 * {@code IdentityProvider} next to this configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PersistenceAdapterConfiguration.LocalTokenProperties.class,
        PersistenceAdapterConfiguration.PolicyProperties.class,
        PersistenceAdapterConfiguration.AuditProperties.class,
        PersistenceAdapterConfiguration.AuditAnchorProperties.class,
        PersistenceAdapterConfiguration.LoginRulesProperties.class})
public class PersistenceAdapterConfiguration {

    /** {@code IDP=local|auth0} (SPEC section 5), bound to this name in the service's application.yml. */
    public static final String IDP_PROPERTY = "delegated-admin.idp";
    public static final String LOCAL_IDP = "local";

    /**
     * {@code delegated-admin.local.*}: what the local IdP's tokens say. Whoever verifies those tokens must expect the
     * same issuer and audience.
     */
    @ConfigurationProperties("delegated-admin.local")
    public record LocalTokenProperties(
            @DefaultValue("urn:delegated-admin:local") String issuer,
            @DefaultValue("delegated-admin") String audience,
            @DefaultValue("15m") Duration tokenTtl) {
    }

    /** {@code delegated-admin.policy.*}: how often each instance looks for a policy version activated elsewhere. */
    @ConfigurationProperties("delegated-admin.policy")
    public record PolicyProperties(@DefaultValue("1s") Duration refreshInterval) {
    }

    /**
     * {@code delegated-admin.login-rules.*}: a claim on (user, rule) whose holder vanished is taken over after
     * {@code claimLease}, longer than the IdP's retry budget.
     */
    @ConfigurationProperties("delegated-admin.login-rules")
    public record LoginRulesProperties(@DefaultValue("2m") Duration claimLease) {
    }

    /** Exposed by its class, so that it satisfies both {@code IdentityProvider} and {@code CredentialVerifier}. */
    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    LocalDirectory localDirectory(DSLContext dsl, Clock clock) {
        return new LocalDirectory(dsl, clock);
    }

    /**
     * {@code delegated-admin.audit.*}: how often the chain is extended, and when a silent instance counts as stopped
     * (its pending intents then become unknown). {@code staleAfter} must be well above {@code heartbeatInterval}.
     */
    @ConfigurationProperties("delegated-admin.audit")
    public record AuditProperties(
            @DefaultValue("500ms") Duration sealInterval,
            @DefaultValue("10s") Duration heartbeatInterval,
            @DefaultValue("2m") Duration staleAfter,
            @DefaultValue("30s") Duration reapInterval,
            @DefaultValue("1h") Duration sweepInterval,
            @DefaultValue("2000") int sealBatchSize) {
    }

    /** Login rules with the local IdP: organizations, members and user roles in PostgreSQL. */
    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    LoginProvisioning localLoginProvisioning(DSLContext dsl, Clock clock) {
        return new LocalLoginProvisioning(dsl, clock);
    }

    /** At most once per (user, login rule), for every IdP. */
    @Bean
    LoginRuleLedger loginRuleLedger(DSLContext dsl, Clock clock, LoginRulesProperties properties) {
        return new JooqLoginRuleLedger(dsl, clock, properties.claimLease());
    }

    @Bean
    AuditInstance auditInstance(DSLContext dsl) {
        return new AuditInstance(dsl);
    }

    /**
     * {@code delegated-admin.audit.anchor.*}: where this instance's checkpoints go. Blank {@code file}: {@code
     * audit-anchors.ndjson} in DATA_DIR; blank {@code key} ({@code AUDIT_ANCHOR_KEY}): the key file {@code
     * audit-anchor.key} beside it, created on first start; {@code url} ({@code AUDIT_ANCHOR_URL}): also POSTed there.
     */
    @ConfigurationProperties("delegated-admin.audit.anchor")
    public record AuditAnchorProperties(
            @DefaultValue("") String file,
            @DefaultValue("") String key,
            @DefaultValue("") String url,
            @DefaultValue("1m") Duration interval) {
    }

    @Bean
    AuditAnchor auditAnchor(AuditAnchorProperties properties, @Value("${delegated-admin.data-dir:./data}") String dataDir) {
        Path file = properties.file().isBlank() ? Path.of(dataDir, AuditAnchor.FILE_NAME) : Path.of(properties.file());
        return new AuditAnchor(file, AuditAnchor.key(properties.key(),
                file.toAbsolutePath().resolveSibling(AuditAnchor.KEY_FILE_NAME)));
    }

    /** Closed after the maintenance stopped (its last checkpoint is then still sent). */
    @Bean(destroyMethod = "close")
    AuditCheckpoints auditCheckpoints(DSLContext dsl, Clock clock, AuditInstance auditInstance, AuditAnchor auditAnchor,
                                      AuditAnchorProperties properties) {
        Optional<AnchorPublisher> publisher = properties.url().isBlank() ? Optional.empty()
                : Optional.of(new AnchorPublisher(URI.create(properties.url()), Duration.ofSeconds(1)));
        return new AuditCheckpoints(dsl, auditAnchor, publisher, clock, auditInstance::id);
    }

    @Bean
    AuditTrail auditTrail(DSLContext dsl, Clock clock, AuditInstance auditInstance, AuditAnchor auditAnchor) {
        return new JooqAuditTrail(dsl, clock, auditInstance, Optional.of(auditAnchor));
    }

    @Bean
    AuditMaintenance auditMaintenance(DSLContext dsl, AuditInstance auditInstance, AuditProperties properties,
                                      AuditAnchorProperties anchorProperties, AuditCheckpoints auditCheckpoints) {
        return new AuditMaintenance(auditInstance, new AuditSealer(dsl, properties.sealBatchSize()),
                new AuditMaintenance.Settings(properties.sealInterval(), properties.heartbeatInterval(),
                        properties.staleAfter(), properties.reapInterval(), properties.sweepInterval(),
                        anchorProperties.interval()),
                Optional.of(auditCheckpoints));
    }

    /**
     * The versioned policy documents, and the active one from memory ({@code PolicyStore}), refreshed every
     * {@code delegated-admin.policy.refresh-interval} (default 1 s) so that every instance follows a change.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    JooqPolicyVersions policyVersions(DSLContext dsl, PolicyProperties properties) {
        return new JooqPolicyVersions(dsl, properties.refreshInterval());
    }

    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    TokenIssuer tokenIssuer(DSLContext dsl, Clock clock, LocalTokenProperties properties) {
        return new JwtTokenIssuer(new SigningKeys(dsl, clock), clock, properties.issuer(), properties.audience(),
                properties.tokenTtl());
    }
}
