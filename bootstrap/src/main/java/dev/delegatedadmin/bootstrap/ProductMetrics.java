package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.audit.AuditSealBacklog;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's own meters (docs/operations.md: each with a panel query), recorded by decorating out-ports here, so
 * that the application and the domain know no metrics library. Labels are bounded: rule ids come from the active
 * policy document, actions and outcomes are enums; no user id or email is ever a label.
 */
final class ProductMetrics {

    static final String DECISIONS = "delegated_admin.policy.decisions";
    static final String LOGIN_RULES = "delegated_admin.login_rules";
    static final String UNSEALED = "delegated_admin.audit.unsealed";
    static final String SEALING_LAG = "delegated_admin.audit.sealing_lag";
    /** A denial carries its rule; an allowed write matched no denying rule. */
    static final String NO_RULE = "none";

    private static final Logger log = LoggerFactory.getLogger(ProductMetrics.class);
    private static final Set<AuditAction> WRITES = EnumSet.of(AuditAction.USER_CREATE, AuditAction.USER_UPDATE,
            AuditAction.USER_DELETE);

    private ProductMetrics() {
    }

    /** The write policy's decisions, counted as the write service records them (every attempt is recorded). */
    static RecordAuditEvents countingDecisions(RecordAuditEvents trail, MeterRegistry registry) {
        return new RecordAuditEvents() {
            @Override
            public long record(AuditRecord record) {
                long id = trail.record(record);
                if (WRITES.contains(record.action())) {
                    Counter.builder(DECISIONS)
                            .description("Write-policy decisions by action, deciding rule and outcome")
                            .tag("action", record.action().externalName())
                            .tag("rule", record.rule().orElse(NO_RULE))
                            .tag("outcome", record.decision().name().toLowerCase(Locale.ROOT))
                            .register(registry)
                            .increment();
                }
                return id;
            }

            @Override
            public void complete(long eventId, AuditStatus outcome, Optional<String> detail) {
                trail.complete(eventId, outcome, detail);
            }
        };
    }

    /**
     * Post-login rules' outcomes per rule: {@code applied}, {@code failed} (retried at the next login),
     * {@code skipped} (nothing to do, e.g. the connection is not enabled) and {@code not_claimed} (applied before, or
     * another login holds the claim).
     */
    static LoginRuleLedger countingOutcomes(LoginRuleLedger ledger, MeterRegistry registry) {
        return new LoginRuleLedger() {
            @Override
            public Set<String> retriesPending(String userId) {
                return ledger.retriesPending(userId);
            }

            @Override
            public Optional<Claim> claim(String userId, String ruleId) {
                Optional<Claim> claim = ledger.claim(userId, ruleId);
                if (claim.isEmpty()) {
                    count(ruleId, "not_claimed");
                }
                return claim;
            }

            @Override
            public void applied(Claim claim) {
                ledger.applied(claim);
                count(claim.ruleId(), "applied");
            }

            @Override
            public void failed(Claim claim) {
                ledger.failed(claim);
                count(claim.ruleId(), "failed");
            }

            @Override
            public void release(Claim claim) {
                ledger.release(claim);
                count(claim.ruleId(), "skipped");
            }

            private void count(String rule, String outcome) {
                Counter.builder(LOGIN_RULES)
                        .description("Post-login rule outcomes by rule")
                        .tag("rule", rule)
                        .tag("outcome", outcome)
                        .register(registry)
                        .increment();
            }
        };
    }

    /**
     * Unsealed audit rows and the age of the oldest, read from PostgreSQL when scraped (one query, reused for a
     * second so that the two gauges of one scrape agree); NaN while the database cannot be read.
     */
    static void gaugeSealingBacklog(AuditSealBacklog backlog, MeterRegistry registry) {
        CachedBacklog cached = new CachedBacklog(backlog);
        Gauge.builder(UNSEALED, cached, c -> c.read().map(b -> (double) b.unsealedRows()).orElse(Double.NaN))
                .description("Committed audit rows (events and outcomes) not chained by the sealer yet")
                .baseUnit("rows")
                .register(registry);
        Gauge.builder(SEALING_LAG, cached,
                        c -> c.read().map(b -> b.oldestUnsealedAge().toNanos() / 1e9).orElse(Double.NaN))
                .description("How long the oldest unsealed audit row has waited for its seal (0: none waiting)")
                .baseUnit("seconds")
                .register(registry);
    }

    private static final class CachedBacklog {
        private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();
        private final AuditSealBacklog backlog;
        private Optional<AuditSealBacklog.Backlog> last = Optional.empty();
        private long readAt;
        private boolean failing;

        CachedBacklog(AuditSealBacklog backlog) {
            this.backlog = backlog;
        }

        synchronized Optional<AuditSealBacklog.Backlog> read() {
            long now = System.nanoTime();
            if (last.isPresent() && now - readAt < REUSE_NANOS) {
                return last;
            }
            try {
                last = Optional.of(backlog.measure());
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("The audit sealing backlog could not be read: {}", e.toString());
                    failing = true;
                }
                last = Optional.empty();
            }
            readAt = now;
            return last;
        }
    }
}
