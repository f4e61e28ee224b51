package dev.delegatedadmin.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one audit row builder: each named result's row, and both ways of meeting a lost outcome. */
class AuditAttemptTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(clock);
    private final Caller kelly = new Caller(new Actor(new UserId("local|kelly"), "kelly@example.com",
            Optional.of(new Department("HR")), Set.of(Role.USER_ADMIN)), Optional.of("req-1"), Optional.of("client-1"));

    /** A database that takes intents but refuses every outcome. */
    private final InMemoryAuditTrail refusingOutcomes = new InMemoryAuditTrail(clock) {
        @Override
        public synchronized void complete(long eventId, AuditStatus outcome, Optional<String> detail) {
            throw new IllegalStateException("database away");
        }
    };

    @Test
    void a_denial_is_one_row_with_the_callers_ids_and_the_exception_to_throw() {
        DeniedException denied = AuditAttempt.by(trail, clock, kelly, AuditAction.USER_DELETE)
                .target("local|ann", "ann@example.com").targetDepartment(Optional.of("IT"))
                .denied("out-of-scope", "Not yours.");

        assertThat(denied.getMessage()).contains("Not yours.");
        AuditRecord row = only(trail).record();
        assertThat(row).isEqualTo(new AuditRecord(NOW, Optional.of("req-1"), Optional.of("local|kelly"),
                Optional.of("kelly@example.com"), Optional.of("HR"), AuditAction.USER_DELETE, Optional.of("local|ann"),
                Optional.of("ann@example.com"), AuditDecision.DENIED, Optional.of("out-of-scope"),
                Optional.of("Not yours."), List.of(), AuditStatus.DENIED, List.of(), Optional.of("IT"),
                Optional.of("client-1")));
    }

    @Test
    void the_write_protocol_records_intent_then_outcome() {
        String result = AuditAttempt.by(trail, clock, kelly, AuditAction.USER_CREATE)
                .allowed(List.of("email"), List.of(), () -> "local|new", id -> "user_id=" + id);

        assertThat(result).isEqualTo("local|new");
        AuditEvent event = only(trail);
        assertThat(event.record().status()).isEqualTo(AuditStatus.PENDING);
        assertThat(event.record().changedFields()).containsExactly("email");
        assertThat(event.status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(event.outcomeDetail()).contains("user_id=local|new");
    }

    @Test
    void the_write_protocol_records_the_idps_failure_and_rethrows_it() {
        AuditAttempt attempt = AuditAttempt.by(trail, clock, kelly, AuditAction.USER_CREATE);

        assertThatThrownBy(() -> attempt.allowed(List.of(), List.of(), () -> {
            throw new ConflictException("taken");
        }, x -> null)).isInstanceOf(ConflictException.class);
        assertThat(only(trail).status()).isEqualTo(AuditStatus.FAILED);
        assertThat(only(trail).outcomeDetail()).contains("ConflictException: taken");
    }

    @Test
    void when_lost_outcomes_are_logged_the_caller_still_learns_what_the_idp_did() {
        assertThat(AuditAttempt.by(refusingOutcomes, clock, kelly, AuditAction.USER_UPDATE)
                .allowed(List.of(), List.of(), () -> "done", x -> null)).isEqualTo("done");
        assertThatThrownBy(() -> AuditAttempt.by(refusingOutcomes, clock, kelly, AuditAction.USER_UPDATE)
                .allowed(List.of(), List.of(), () -> {
                    throw new ConflictException("the IdP's own failure");
                }, x -> null)).isInstanceOf(ConflictException.class).hasMessageContaining("the IdP's own failure");
        assertThat(refusingOutcomes.all()).extracting(AuditEvent::status)
                .containsExactly(AuditStatus.PENDING, AuditStatus.PENDING);
    }

    @Test
    void when_lost_outcomes_are_thrown_the_caller_meets_the_database_failure() {
        AuditAttempt.Intent intent = AuditAttempt.platform(refusingOutcomes, clock, AuditAction.LOGIN_RULE,
                Optional.of("req-2")).rule("assign-org").intent(List.of("organizations"), List.of(), Optional.of("Add."));

        assertThatThrownBy(() -> intent.failed("ManagementApiException: no", AuditAttempt.IfOutcomeLost.THROW))
                .isInstanceOf(IllegalStateException.class).hasMessage("database away");
        assertThatThrownBy(() -> intent.succeeded(Optional.empty(), AuditAttempt.IfOutcomeLost.THROW))
                .isInstanceOf(IllegalStateException.class);
        intent.succeeded(Optional.empty(), AuditAttempt.IfOutcomeLost.LOG);
    }

    @Test
    void who_acts_system_platform_or_the_person_logging_in() {
        AuditAttempt.system(trail, clock, "system:bootstrap", AuditAction.USER_CREATE)
                .target(Optional.empty(), Optional.of("admin@example.com")).noChange();
        AuditAttempt.platform(trail, clock, AuditAction.LOGIN_RULE, Optional.of("req-3")).rule("set-dept")
                .target(Optional.of("local|ann"), Optional.empty()).skipped("already-set");
        AuditAttempt.self(trail, clock, AuditAction.SESSION_CREATE, Optional.of("req-4"), Optional.empty(), Optional.empty(),
                Optional.of("who@example.com"), Optional.empty()).done(Optional.empty(), Optional.empty());

        List<AuditRecord> rows = trail.all().stream().map(AuditEvent::record).toList();
        assertThat(rows.get(0).actorId()).contains("system:bootstrap");
        assertThat(rows.get(0).requestId()).isEmpty();
        assertThat(rows.get(0).status()).isEqualTo(AuditStatus.NO_CHANGE);
        assertThat(rows.get(1).actorId()).isEmpty();
        assertThat(rows.get(1).rule()).contains("set-dept");
        assertThat(rows.get(1).message()).contains("already-set");
        assertThat(rows.get(1).status()).isEqualTo(AuditStatus.SKIPPED);
        assertThat(rows.get(2).actorEmail()).contains("who@example.com");
        assertThat(rows.get(2).targetEmail()).contains("who@example.com");
        assertThat(rows.get(2).status()).isEqualTo(AuditStatus.SUCCEEDED);
    }

    private static AuditEvent only(InMemoryAuditTrail trail) {
        assertThat(trail.all()).hasSize(1);
        return trail.all().getFirst();
    }
}
