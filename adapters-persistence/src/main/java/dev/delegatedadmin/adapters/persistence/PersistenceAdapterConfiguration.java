package dev.delegatedadmin.adapters.persistence;

import dev.delegatedadmin.adapters.persistence.audit.AnchorPublisher;
import dev.delegatedadmin.adapters.persistence.audit.AuditAnchor;
import dev.delegatedadmin.adapters.persistence.audit.AuditCheckpoints;
import dev.delegatedadmin.adapters.persistence.audit.AuditInstance;
import dev.delegatedadmin.adapters.persistence.audit.AuditMaintenance;
import dev.delegatedadmin.adapters.persistence.audit.AuditMaintenanceDatabase;
import dev.delegatedadmin.adapters.persistence.audit.AuditRetention;
import dev.delegatedadmin.adapters.persistence.audit.AuditSealBacklog;
import dev.delegatedadmin.adapters.persistence.audit.AuditSealer;
import dev.delegatedadmin.adapters.persistence.audit.JooqAuditTrail;
import dev.delegatedadmin.adapters.persistence.audit.OutcomeJournal;
import dev.delegatedadmin.adapters.persistence.audit.OutcomeWriter;
import dev.delegatedadmin.adapters.persistence.actorcache.JooqActorInvalidations;
import dev.delegatedadmin.adapters.persistence.localidp.JooqLoginThrottleStore;
import dev.delegatedadmin.adapters.persistence.localidp.JwtTokenIssuer;
import dev.delegatedadmin.adapters.persistence.localidp.LocalDirectory;
import dev.delegatedadmin.adapters.persistence.localidp.LocalLoginProvisioning;
import dev.delegatedadmin.adapters.persistence.localidp.SigningKeyCipher;
import dev.delegatedadmin.adapters.persistence.localidp.SigningKeyRotation;
import dev.delegatedadmin.adapters.persistence.localidp.SigningKeys;
import dev.delegatedadmin.adapters.persistence.login.JooqLoginEventReceipts;
import dev.delegatedadmin.adapters.persistence.login.JooqLoginRuleLedger;
import dev.delegatedadmin.adapters.persistence.policy.JooqPolicyVersions;
import dev.delegatedadmin.adapters.persistence.ratebudget.JooqRateBudget;
import dev.delegatedadmin.adapters.persistence.support.DatabaseRoleCheck;
import dev.delegatedadmin.adapters.persistence.support.DurationSetting;
import dev.delegatedadmin.application.error.StartupSettingException;
import dev.delegatedadmin.application.port.out.ActorInvalidations;
import dev.delegatedadmin.application.port.out.LoginEventReceipts;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.application.port.out.LoginThrottleStore;
import dev.delegatedadmin.application.port.out.RateBudget;
import dev.delegatedadmin.application.port.out.TokenIssuer;
import dev.delegatedadmin.adapters.persistence.embedded.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL adapters, for the application to {@code @Import}: the local user directory (one bean: the
 * {@code LoadUsers}, {@code SearchUsers} and {@code WriteUsers} ports and {@code CredentialVerifier}), the audit
 * trail, the policy versions (both
 * {@code PolicyVersions} and {@code PolicyStore}), the local token issuer and the login throttle's counters.
 *
 * <p>Needs a {@link DSLContext} (Spring Boot's jOOQ auto-configuration makes one from the DataSource, on a schema
 * migrated by Flyway from {@code classpath:db/migration}) and a {@link Clock} bean.
 *
 * <p>The audit trail is always defined. The local IdP's beans (directory, token issuer) only when {@code idp} (the
 * {@code IDP} environment variable) is {@code local} or unset, so that another IdP adapter can provide the
 * user directory next to this configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PersistenceAdapterConfiguration.LocalTokenProperties.class,
        PersistenceAdapterConfiguration.PolicyProperties.class,
        PersistenceAdapterConfiguration.AuditProperties.class,
        PersistenceAdapterConfiguration.AuditAnchorProperties.class,
        PersistenceAdapterConfiguration.AuditRetentionProperties.class,
        PersistenceAdapterConfiguration.LoginRulesProperties.class})
public class PersistenceAdapterConfiguration {

    /** {@code IDP=local|auth0} (SPEC section 5), bound to this name in the service's application.yml. */
    public static final String IDP_PROPERTY = "delegated-admin.idp";
    public static final String LOCAL_IDP = "local";
    static final String SIGNING_KEY_SECRET_FILE = "signing-key.secret";

    /**
     * {@code delegated-admin.local.*}: what the local IdP's tokens say. Whoever verifies those tokens must expect the
     * same issuer and audience.
     */
    @ConfigurationProperties("delegated-admin.local")
    public record LocalTokenProperties(
            @DefaultValue("urn:delegated-admin:local") String issuer,
            @DefaultValue("delegated-admin") String audience,
            @DefaultValue("15m") Duration tokenTtl,
            // SIGNING_KEY_SECRET; blank: a key file generated in DATA_DIR (docs/operations.md).
            String signingKeySecret,
            // SIGNING_KEY_ROTATION: the active key's age at which a new one takes over; "off" (or blank): never.
            @DefaultValue("P30D") String signingKeyRotation,
            // How long an instance trusts its read of the keys; how often rotation is checked.
            @DefaultValue("1m") Duration signingKeyRefresh,
            @DefaultValue("1m") Duration signingKeyCheckInterval) {
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

    /**
     * Exposed by its class: {@code LoadUsers}, {@code SearchUsers}, {@code WriteUsers}, {@code CredentialVerifier} and
     * {@code CredentialVersions}.
     */
    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    LocalDirectory localDirectory(DSLContext dsl, Clock clock) {
        return new LocalDirectory(dsl, clock);
    }

    /**
     * {@code delegated-admin.audit.*}: how often the chain is extended, and when a silent instance counts as stopped
     * (its pending intents then become unknown). {@code staleAfter} must be well above {@code heartbeatInterval}.
     * Defaults: an instance killed with -9 has its intents marked unknown by any live instance within
     * {@code staleAfter + reapInterval} = 25 s (issue 13 asks for at most 30 s).
     */
    @ConfigurationProperties("delegated-admin.audit")
    public record AuditProperties(
            @DefaultValue("500ms") Duration sealInterval,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("20s") Duration staleAfter,
            @DefaultValue("5s") Duration reapInterval,
            @DefaultValue("1h") Duration sweepInterval,
            @DefaultValue("2000") int sealBatchSize) {
    }

    /** Login rules with the local IdP: organizations, members and user roles in PostgreSQL. */
    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    LoginProvisioning localLoginProvisioning(DSLContext dsl, Clock clock) {
        return new LocalLoginProvisioning(dsl, clock);
    }

    /** Signed login events already answered, for every IdP: a replay gets the same answer. */
    @Bean
    LoginEventReceipts loginEventReceipts(DSLContext dsl) {
        return new JooqLoginEventReceipts(dsl);
    }

    /** At most once per (user, login rule), for every IdP. */
    @Bean
    LoginRuleLedger loginRuleLedger(DSLContext dsl, Clock clock, LoginRulesProperties properties) {
        return new JooqLoginRuleLedger(dsl, clock, properties.claimLease());
    }

    /** The IdP tenant's call budget, one bucket per tenant shared by every instance (used with Auth0). */
    @Bean
    RateBudget rateBudget(DSLContext dsl) {
        return new JooqRateBudget(dsl);
    }

    /** The actor cache's cross-instance eviction (issue 11); only the Auth0 cache reads it, any write may publish. */
    @Bean
    ActorInvalidations actorInvalidations(DSLContext dsl) {
        return new JooqActorInvalidations(dsl);
    }

    /** Logs a warning at start when the service's role could bypass the audit triggers. */
    @Bean(initMethod = "warnIfPrivileged")
    DatabaseRoleCheck databaseRoleCheck(DSLContext dsl) {
        return new DatabaseRoleCheck(dsl);
    }

    @Bean
    AuditInstance auditInstance(DSLContext dsl) {
        return new AuditInstance(dsl);
    }

    /**
     * Outcomes the database could not take after the IdP applied a change wait in {@code DATA_DIR}'s
     * {@value JooqAuditTrail#JOURNAL_FILE} (created only when needed) until maintenance replays them.
     */
    @Bean
    OutcomeWriter auditOutcomes(DSLContext dsl, @Value("${delegated-admin.data-dir:./data}") String dataDir) {
        return new OutcomeWriter(dsl, new OutcomeJournal(Path.of(dataDir).resolve(JooqAuditTrail.JOURNAL_FILE)),
                OutcomeWriter.Retry.DEFAULT);
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

    /**
     * One bean for the four audit ports (recording, querying, exporting, verifying the chain): injected by the
     * port each use case needs. Typed as the class so that each port has exactly one candidate.
     */
    @Bean
    JooqAuditTrail auditTrail(DSLContext dsl, Clock clock, AuditInstance auditInstance, OutcomeWriter auditOutcomes,
                              AuditAnchor auditAnchor) {
        return new JooqAuditTrail(dsl, clock, auditInstance, auditOutcomes, Optional.of(auditAnchor));
    }

    @Bean
    AuditMaintenance auditMaintenance(DSLContext dsl, AuditInstance auditInstance, AuditProperties properties,
                                      OutcomeWriter auditOutcomes, AuditAnchorProperties anchorProperties,
                                      AuditCheckpoints auditCheckpoints) {
        return new AuditMaintenance(auditInstance, auditOutcomes, new AuditSealer(dsl, properties.sealBatchSize()),
                new AuditMaintenance.Settings(properties.sealInterval(), properties.heartbeatInterval(),
                        properties.staleAfter(), properties.reapInterval(), properties.sweepInterval(),
                        anchorProperties.interval()),
                Optional.of(auditCheckpoints));
    }

    /** What the sealer has not chained yet, for the operator's metrics (bootstrap turns it into gauges). */
    @Bean
    AuditSealBacklog auditSealBacklog(DSLContext dsl) {
        return new AuditSealBacklog(dsl);
    }

    /**
     * {@code delegated-admin.audit.retention.*}: {@code keep} ({@code AUDIT_RETENTION}, blank: keep everything), where
     * the archive files go (blank: {@code DATA_DIR/audit-archive}), and how often retention runs.
     */
    @ConfigurationProperties("delegated-admin.audit.retention")
    public record AuditRetentionProperties(
            @DefaultValue("") String keep,
            @DefaultValue("") String archiveDir,
            @DefaultValue("1h") Duration interval) {
    }

    /** Only with {@code AUDIT_RETENTION}; it then needs the maintenance role's connections. */
    static final class RetentionConfigured implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(org.springframework.context.annotation.ConditionContext context,
                               org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            String keep = context.getEnvironment().getProperty("delegated-admin.audit.retention.keep");
            return keep != null && !keep.isBlank();
        }
    }

    @Bean
    @org.springframework.context.annotation.Conditional(RetentionConfigured.class)
    AuditRetention auditRetention(AuditRetentionProperties properties, ObjectProvider<AuditMaintenanceDatabase> database,
                                  AuditAnchor auditAnchor, Clock clock, AuditInstance auditInstance,
                                  @Value("${delegated-admin.data-dir:./data}") String dataDir) {
        Duration keep = DurationSetting.positive("AUDIT_RETENTION", properties.keep(), "P400D");
        AuditMaintenanceDatabase maintenance = database.getIfAvailable();
        if (maintenance == null) {
            throw new StartupSettingException("AUDIT_RETENTION", "AUDIT_RETENTION needs the maintenance database role,"
                    + " which is not configured.", "Create the role delegated_admin_maintenance (docs/operations.md) and"
                    + " set DATABASE_MAINTENANCE_USER and DATABASE_MAINTENANCE_PASSWORD, or unset AUDIT_RETENTION.");
        }
        Path directory = properties.archiveDir().isBlank() ? Path.of(dataDir, "audit-archive")
                : Path.of(properties.archiveDir());
        return new AuditRetention(maintenance.dataSource(), keep, directory, auditAnchor, clock, auditInstance::id,
                50_000, properties.interval());
    }

    /**
     * The versioned policy documents, and the active one from memory ({@code PolicyStore}), refreshed every
     * {@code delegated-admin.policy.refresh-interval} (default 1 s) so that every instance follows a change.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    JooqPolicyVersions policyVersions(DSLContext dsl, PolicyProperties properties) {
        return new JooqPolicyVersions(dsl, properties.refreshInterval());
    }

    /**
     * The local IdP's keys, encrypted at rest with SIGNING_KEY_SECRET or, without it, with a secret generated into
     * {@code DATA_DIR/signing-key.secret} (0600; DATA_DIR is {@code ./data} also with an external database).
     */
    @Bean(initMethod = "start")
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    SigningKeys signingKeys(DSLContext dsl, Clock clock, LocalTokenProperties properties,
                            @Value("${delegated-admin.data-dir:./data}") String dataDir) throws IOException {
        String secret = properties.signingKeySecret();
        if (secret != null && !secret.isBlank()) {
            return new SigningKeys(dsl, clock, new SigningKeyCipher(secret, "SIGNING_KEY_SECRET"),
                    properties.signingKeyRefresh());
        }
        Path directory = Files.createDirectories(Path.of(dataDir),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = directory.resolve(SIGNING_KEY_SECRET_FILE);
        return new SigningKeys(dsl, clock, new SigningKeyCipher(SecretFile.readOrCreate(file), file.toString()),
                properties.signingKeyRefresh());
    }

    /** Automatic rotation, unless {@code SIGNING_KEY_ROTATION=off}. */
    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    SigningKeyRotation signingKeyRotation(SigningKeys signingKeys, LocalTokenProperties properties) {
        String rotation = properties.signingKeyRotation() == null ? "" : properties.signingKeyRotation().strip();
        if (rotation.isEmpty() || rotation.equalsIgnoreCase("off")) {
            return new SigningKeyRotation(signingKeys, null, properties.tokenTtl(), properties.signingKeyCheckInterval());
        }
        Duration after = DurationSetting.positive("SIGNING_KEY_ROTATION", rotation, "P30D");
        if (after.compareTo(properties.tokenTtl()) <= 0) {
            throw new StartupSettingException("SIGNING_KEY_ROTATION", "SIGNING_KEY_ROTATION must be longer than the"
                    + " token lifetime (" + properties.tokenTtl() + ").", "Give a longer duration, such as P30D, or off.");
        }
        return new SigningKeyRotation(signingKeys, after, properties.tokenTtl(), properties.signingKeyCheckInterval());
    }

    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    TokenIssuer tokenIssuer(SigningKeys signingKeys, Clock clock, LocalTokenProperties properties,
                            LocalDirectory directory) {
        return new JwtTokenIssuer(signingKeys, clock, properties.issuer(), properties.audience(),
                properties.tokenTtl(), directory);
    }

    /** Failed-login counters of the local log-in, shared by every instance. */
    @Bean
    @ConditionalOnProperty(name = IDP_PROPERTY, havingValue = LOCAL_IDP, matchIfMissing = true)
    LoginThrottleStore loginThrottleStore(DSLContext dsl, Clock clock) {
        return new JooqLoginThrottleStore(dsl, clock);
    }
}
