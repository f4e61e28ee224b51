package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class JooqAuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private DSLContext db;
    private JooqAuditTrail trail;

    @BeforeEach
    void freshDatabase() {
        db = Databases.migrated();
        trail = new JooqAuditTrail(db, clock);
    }

    @Test
    void a_recorded_attempt_reads_back_field_for_field() {
        AuditRecord full = new AuditRecord(T0, Optional.of("req-1"), Optional.of("local|actor"), Optional.of("kelly@example.com"),
                Optional.of("Finance"), AuditAction.USER_UPDATE, Optional.of("local|target"), Optional.of("fred@example.com"),
                AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), List.of("email", "user_metadata.team"),
                AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty());
        AuditRecord bare = new AuditRecord(T0.plusMillis(1), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), AuditAction.SESSION_CREATE, Optional.empty(), Optional.empty(), AuditDecision.DENIED,
                Optional.of("wrong-credentials"), Optional.of("Wrong email or password."), List.of(), AuditStatus.DENIED, List.of(), Optional.empty(), Optional.empty());

        long fullId = trail.record(full);
        long bareId = trail.record(bare);

        assertThat(bareId).isGreaterThan(fullId);
        List<AuditEvent> events = trail.find(query().build()).events();
        assertThat(events).containsExactly(
                new AuditEvent(bareId, bare, AuditStatus.DENIED, Optional.empty(), Optional.empty()),
                new AuditEvent(fullId, full, AuditStatus.PENDING, Optional.empty(), Optional.empty()));
        assertThat(db.fetchValue(AUDIT_EVENT.DECISION, AUDIT_EVENT.ID.eq(fullId))).isEqualTo("allowed");
        assertThat(db.fetchValue(AUDIT_EVENT.ACTION, AUDIT_EVENT.ID.eq(fullId))).isEqualTo("user.update");
        assertThat(db.fetchValue("select jsonb_typeof(changed_fields) from audit_event where id = ?", fullId)).isEqualTo("array");
    }

    @Test
    void complete_adds_the_outcome_and_it_becomes_the_status() {
        long id = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_CREATE));
        clock.set(T0.plusSeconds(2));

        trail.complete(id, AuditStatus.SUCCEEDED, Optional.of("user_id=local|t"));

        AuditEvent event = trail.find(query().build()).events().getFirst();
        assertThat(event.status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(event.record().status()).isEqualTo(AuditStatus.PENDING);
        assertThat(event.outcomeDetail()).contains("user_id=local|t");
        assertThat(event.completedAt()).contains(T0.plusSeconds(2));

        long failed = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_DELETE));
        trail.complete(failed, AuditStatus.FAILED, Optional.empty());
        assertThat(trail.find(query().build()).events().getFirst().outcomeDetail()).isEmpty();
    }

    @Test
    void an_outcome_is_written_once_and_only_for_a_pending_attempt() {
        long id = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_UPDATE));
        trail.complete(id, AuditStatus.SUCCEEDED, Optional.empty());

        assertThatThrownBy(() -> trail.complete(id, AuditStatus.FAILED, Optional.of("again")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has an outcome");
        long denied = trail.record(denied(T0, "local|a"));
        assertThatThrownBy(() -> trail.complete(denied, AuditStatus.SUCCEEDED, Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not pending");
        assertThatThrownBy(() -> trail.complete(999_999, AuditStatus.SUCCEEDED, Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> trail.complete(id, AuditStatus.PENDING, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.fetchCount(AUDIT_OUTCOME)).isEqualTo(1);
        assertThat(trail.find(query().build()).events()).extracting(AuditEvent::status)
                .containsExactly(AuditStatus.DENIED, AuditStatus.SUCCEEDED);
    }

    @Test
    void the_database_refuses_to_change_or_remove_audit_rows() {
        long id = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_UPDATE));
        trail.complete(id, AuditStatus.SUCCEEDED, Optional.empty());

        assertThatThrownBy(() -> db.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR_ID, "someone-else").where(AUDIT_EVENT.ID.eq(id)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(id)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.update(AUDIT_OUTCOME).set(AUDIT_OUTCOME.OUTCOME, "failed").execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(AUDIT_OUTCOME).execute()).hasMessageContaining("append-only");
        assertThat(trail.find(query().build()).events()).singleElement()
                .satisfies(event -> {
                    assertThat(event.record().actorId()).contains("local|a");
                    assertThat(event.status()).isEqualTo(AuditStatus.SUCCEEDED);
                });
    }

    @Test
    void filters_by_actor_target_action_and_time() {
        long a1 = trail.record(pending(T0, "local|ann", "local|x", AuditAction.USER_CREATE));
        long b1 = trail.record(pending(T0.plusSeconds(10), "local|bob", "local|y", AuditAction.USER_UPDATE));
        long a2 = trail.record(pending(T0.plusSeconds(20), "local|ann", "local|y", AuditAction.USER_DELETE));
        long b2 = trail.record(denied(T0.plusSeconds(30), "local|bob"));

        assertThat(ids(query().actor("local|ann"))).containsExactly(a2, a1);
        assertThat(ids(query().actor("local|nobody"))).isEmpty();
        assertThat(ids(query().target("local|y"))).containsExactly(a2, b1);
        assertThat(ids(query().action(AuditAction.USER_UPDATE))).containsExactly(b1);
        assertThat(ids(query().action(AuditAction.SESSION_CREATE))).containsExactly(b2);
        // from is inclusive, to exclusive.
        assertThat(ids(query().from(T0.plusSeconds(10)))).containsExactly(b2, a2, b1);
        assertThat(ids(query().to(T0.plusSeconds(20)))).containsExactly(b1, a1);
        assertThat(ids(query().from(T0.plusSeconds(10)).to(T0.plusSeconds(30)))).containsExactly(a2, b1);
        assertThat(ids(query().from(T0.plusSeconds(10).plusNanos(1)))).containsExactly(b2, a2);
        assertThat(ids(query().actor("local|bob").target("local|y").action(AuditAction.USER_UPDATE))).containsExactly(b1);
    }

    @Test
    void the_status_filter_reads_the_outcome_when_there_is_one() {
        long succeeded = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_UPDATE));
        long failed = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_UPDATE));
        long stillPending = trail.record(pending(T0, "local|a", "local|t", AuditAction.USER_UPDATE));
        long denied = trail.record(denied(T0, "local|a"));
        long noChange = trail.record(new AuditRecord(T0, Optional.empty(), Optional.of("local|a"), Optional.empty(),
                Optional.empty(), AuditAction.USER_UPDATE, Optional.of("local|t"), Optional.empty(), AuditDecision.ALLOWED,
                Optional.empty(), Optional.empty(), List.of(), AuditStatus.NO_CHANGE, List.of(), Optional.empty(), Optional.empty()));
        long skipped = trail.record(new AuditRecord(T0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), AuditAction.LOGIN_RULE, Optional.of("local|t"), Optional.empty(), AuditDecision.ALLOWED,
                Optional.of("finance-org"), Optional.of("Connection not enabled."), List.of(), AuditStatus.SKIPPED, List.of(), Optional.empty(), Optional.empty()));
        trail.complete(succeeded, AuditStatus.SUCCEEDED, Optional.empty());
        trail.complete(failed, AuditStatus.FAILED, Optional.of("IdentityProviderException: down"));

        assertThat(ids(query().status(AuditStatus.PENDING))).containsExactly(stillPending);
        assertThat(ids(query().status(AuditStatus.SUCCEEDED))).containsExactly(succeeded);
        assertThat(ids(query().status(AuditStatus.FAILED))).containsExactly(failed);
        assertThat(ids(query().status(AuditStatus.DENIED))).containsExactly(denied);
        assertThat(ids(query().status(AuditStatus.NO_CHANGE))).containsExactly(noChange);
        assertThat(ids(query().status(AuditStatus.SKIPPED))).containsExactly(skipped);
        assertThat(ids(query().status(AuditStatus.UNKNOWN))).isEmpty();
    }

    @Test
    void filters_by_decision_rule_and_department_of_actor_or_target() {
        long allowed = trail.record(pending(T0, "local|ann", "local|x", AuditAction.USER_CREATE)
                .withTargetDepartment(Optional.of("HR")));
        long wrongPassword = trail.record(denied(T0, "local|bob"));
        long outOfScope = trail.record(new AuditRecord(T0, Optional.empty(), Optional.of("local|bob"), Optional.empty(),
                Optional.of("Sales"), AuditAction.USER_UPDATE, Optional.of("local|y"), Optional.empty(),
                AuditDecision.DENIED, Optional.of("out-of-scope"), Optional.of("no"), List.of(), AuditStatus.DENIED, List.of(), Optional.empty(), Optional.empty())
                .withTargetDepartment(Optional.of("IT")));

        assertThat(ids(query().decision(AuditDecision.DENIED))).containsExactly(outOfScope, wrongPassword);
        assertThat(ids(query().decision(AuditDecision.ALLOWED))).containsExactly(allowed);
        assertThat(ids(query().rule("out-of-scope"))).containsExactly(outOfScope);
        assertThat(ids(query().rule("nope"))).isEmpty();
        // pending() is by an actor in Finance: the department filter matches the actor's or the target's.
        assertThat(ids(query().department("Finance"))).containsExactly(allowed);
        assertThat(ids(query().department("HR"))).containsExactly(allowed);
        assertThat(ids(query().department("IT"))).containsExactly(outOfScope);
        assertThat(ids(query().department("Sales").decision(AuditDecision.DENIED).rule("out-of-scope")))
                .containsExactly(outOfScope);
    }

    @Test
    void before_and_after_values_and_the_target_department_read_back() {
        AuditRecord record = pending(T0, "local|ann", "local|x", AuditAction.USER_UPDATE)
                .withChanges(List.of(dev.delegatedadmin.domain.audit.AuditChange.of("user_metadata.team", "a", "b"),
                        dev.delegatedadmin.domain.audit.AuditChange.of("blocked", false, true),
                        dev.delegatedadmin.domain.audit.AuditChange.of("user_metadata.gone", "x", null),
                        dev.delegatedadmin.domain.audit.AuditChange.redacted("password")))
                .withTargetDepartment(Optional.of("HR"));

        trail.record(record);

        assertThat(trail.find(query().build()).events().getFirst().record()).isEqualTo(record);
    }

    @Test
    void keyset_pages_go_newest_first_without_gaps_or_duplicates() {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String actor = i % 3 == 0 ? "local|ann" : "local|bob";
            all.add(trail.record(pending(T0.plusSeconds(i), actor, "local|t", AuditAction.USER_UPDATE)));
        }
        assertThat(pageThrough(query(), 10)).containsExactlyElementsOf(all.reversed());
        assertThat(pageThrough(query(), 25)).containsExactlyElementsOf(all.reversed());
        assertThat(pageThrough(query(), 1)).containsExactlyElementsOf(all.reversed());

        List<Long> ann = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 3) {
            ann.add(all.get(i));
        }
        assertThat(pageThrough(query().actor("local|ann"), 4)).containsExactlyElementsOf(ann.reversed());

        // Exactly one page worth: no next page announced.
        AuditEventPage exact = trail.find(query().limit(25).build());
        assertThat(exact.events()).hasSize(25);
        assertThat(exact.nextBeforeId()).isEmpty();
        AuditEventPage first = trail.find(query().limit(10).build());
        assertThat(first.nextBeforeId()).hasValue(first.events().getLast().id());
    }

    /** Follows nextBeforeId to the end; checks each page's size. */
    private List<Long> pageThrough(AuditQueryBuilder query, int limit) {
        List<Long> ids = new ArrayList<>();
        OptionalLong before = OptionalLong.empty();
        for (int guard = 0; guard < 100; guard++) {
            AuditEventPage page = trail.find(query.before(before).limit(limit).build());
            assertThat(page.events().size()).isLessThanOrEqualTo(limit);
            page.events().forEach(event -> ids.add(event.id()));
            if (page.nextBeforeId().isEmpty()) {
                return ids;
            }
            assertThat(page.events()).hasSize(limit);
            before = page.nextBeforeId();
        }
        throw new AssertionError("Paging did not end");
    }

    private List<Long> ids(AuditQueryBuilder query) {
        return trail.find(query.build()).events().stream().map(AuditEvent::id).toList();
    }

    private static AuditRecord pending(Instant at, String actor, String target, AuditAction action) {
        return new AuditRecord(at, Optional.of("req"), Optional.of(actor), Optional.of("actor@example.com"),
                Optional.of("Finance"), action, Optional.of(target), Optional.of("target@example.com"),
                AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), List.of("blocked"), AuditStatus.PENDING, List.of(), Optional.empty(), Optional.empty());
    }

    private static AuditRecord denied(Instant at, String actor) {
        return new AuditRecord(at, Optional.of("req"), Optional.of(actor), Optional.empty(), Optional.empty(),
                AuditAction.SESSION_CREATE, Optional.empty(), Optional.of("someone@example.com"), AuditDecision.DENIED,
                Optional.of("wrong-credentials"), Optional.of("Wrong email or password."), List.of(), AuditStatus.DENIED, List.of(), Optional.empty(), Optional.empty());
    }

    private static AuditQueryBuilder query() {
        return new AuditQueryBuilder();
    }
}
