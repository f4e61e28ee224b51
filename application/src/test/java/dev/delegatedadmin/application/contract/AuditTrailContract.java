package dev.delegatedadmin.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.ExportAuditEvents;
import dev.delegatedadmin.application.port.out.QueryAuditEvents;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditChange;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the audit ports promises (recording, querying a page, exporting everything): run
 * against the jOOQ adapter on a real PostgreSQL and against the in-memory double the application tests use, so that
 * the double's hand-written filters are shown to agree with the SQL. Times are whole microseconds: what PostgreSQL
 * keeps.
 */
public abstract class AuditTrailContract {

    /** One store behind the three ports. */
    public record AuditPorts(RecordAuditEvents record, QueryAuditEvents query, ExportAuditEvents export) {
    }

    protected static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Scope EVERYWHERE = Scope.all(Set.of());

    private AuditPorts trail;
    private long hrOnFinance;
    private long financeDenied;
    private long pendingCreate;
    private long createdDone;
    private long noDepartments;

    /** A fresh, empty audit trail. */
    protected abstract AuditPorts newTrail();

    @BeforeEach
    void seed() {
        trail = newTrail();
        hrOnFinance = trail.record().record(row(T0, "local|hr-admin", "HR", AuditAction.USER_UPDATE, "local|fin-user",
                "Finance", AuditDecision.ALLOWED, null, AuditStatus.PENDING, "client-a"));
        trail.record().complete(hrOnFinance, AuditStatus.SUCCEEDED, Optional.empty());
        financeDenied = trail.record().record(row(T0.plusSeconds(1), "local|fin-admin", "Finance", AuditAction.USER_DELETE,
                "local|hr-user", "HR", AuditDecision.DENIED, "out-of-scope", AuditStatus.DENIED, null));
        pendingCreate = trail.record().record(row(T0.plusSeconds(2), "local|hr-admin", "HR", AuditAction.USER_CREATE,
                null, "HR", AuditDecision.ALLOWED, null, AuditStatus.PENDING, "client-b"));
        createdDone = trail.record().record(row(T0.plusSeconds(3), "local|hr-admin", "HR", AuditAction.USER_CREATE,
                null, "Finance", AuditDecision.ALLOWED, null, AuditStatus.PENDING, null));
        trail.record().complete(createdDone, AuditStatus.SUCCEEDED,
                Optional.of(RecordAuditEvents.CREATED_USER_DETAIL + "local|created"));
        noDepartments = trail.record().record(row(T0.plusSeconds(4), null, null, AuditAction.LOGIN_RULE, "local|x",
                null, AuditDecision.ALLOWED, "set-dept", AuditStatus.SKIPPED, null));
    }

    @Test
    void a_recorded_attempt_reads_back_field_for_field_newest_first() {
        AuditRecord full = new AuditRecord(T0.plusSeconds(10).plusNanos(123_000), Optional.of("req-1"),
                Optional.of("local|actor"), Optional.of("kelly@example.com"), Optional.of("Finance"),
                AuditAction.USER_UPDATE, Optional.of("local|target"), Optional.of("fred@example.com"),
                AuditDecision.ALLOWED, Optional.of("a-rule"), Optional.of("A message."), List.of("email", "user_metadata.team"),
                AuditStatus.PENDING, List.of(new AuditChange("email", Optional.of("a@example.com"), Optional.of("b@example.com"),
                false)), Optional.of("HR"), Optional.of("client-1"));
        long id = trail.record().record(full);

        AuditEvent newest = trail.query().find(query(f -> f, OptionalLong.empty(), 1)).events().getFirst();
        assertThat(newest).isEqualTo(new AuditEvent(id, full, AuditStatus.PENDING, Optional.empty(), Optional.empty()));
        assertThat(id).isGreaterThan(noDepartments);
    }

    @Test
    void an_outcome_is_added_once_and_becomes_the_status() {
        AuditEvent done = only(f -> filter(f, null, "local|fin-user", null, null, null));
        assertThat(done.status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(done.record().status()).isEqualTo(AuditStatus.PENDING);
        assertThat(ids(f -> filter(f, null, null, null, null, AuditStatus.SUCCEEDED)))
                .containsExactly(createdDone, hrOnFinance);
        assertThat(done.completedAt()).isPresent();
        assertThatThrownBy(() -> trail.record().complete(hrOnFinance, AuditStatus.FAILED, Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> trail.record().complete(pendingCreate, AuditStatus.PENDING, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ids(f -> filter(f, null, null, null, null, AuditStatus.PENDING))).containsExactly(pendingCreate);
    }

    @Test
    void each_filter_matches_what_it_says() {
        assertThat(ids(f -> f)).containsExactly(noDepartments, createdDone, pendingCreate, financeDenied, hrOnFinance);
        assertThat(ids(f -> filter(f, "local|hr-admin", null, null, null, null)))
                .containsExactly(createdDone, pendingCreate, hrOnFinance);
        assertThat(ids(f -> filter(f, null, "local|hr-user", null, null, null))).containsExactly(financeDenied);
        assertThat(ids(f -> filter(f, null, null, AuditAction.USER_CREATE, null, null)))
                .containsExactly(createdDone, pendingCreate);
        assertThat(ids(f -> filter(f, null, null, null, AuditDecision.DENIED, null))).containsExactly(financeDenied);
        assertThat(ids(f -> filter(f, null, null, null, null, AuditStatus.SKIPPED))).containsExactly(noDepartments);
        assertThat(ids(f -> with(f, Optional.of("out-of-scope"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly(financeDenied);
        assertThat(ids(f -> with(f, Optional.empty(), Optional.of("client-b"), Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly(pendingCreate);
        assertThat(ids(f -> with(f, Optional.empty(), Optional.empty(), Optional.of("Finance"), Optional.empty(),
                Optional.empty()))).containsExactly(createdDone, financeDenied, hrOnFinance);
    }

    @Test
    void from_is_inclusive_and_to_exclusive() {
        assertThat(ids(f -> with(f, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(1)),
                Optional.of(T0.plusSeconds(3))))).containsExactly(pendingCreate, financeDenied);
    }

    @Test
    void a_create_is_found_and_reported_by_the_id_the_idp_gave() {
        AuditEvent created = only(f -> filter(f, null, "local|created", null, null, null));
        assertThat(created.id()).isEqualTo(createdDone);
        assertThat(created.record().targetId()).contains("local|created");
    }

    @Test
    void a_restricted_scope_sees_events_whose_actor_or_target_is_in_it() {
        Scope hr = Scope.of(Set.of(new Department("HR")));
        assertThat(ids(f -> f.within(hr))).containsExactly(createdDone, pendingCreate, financeDenied, hrOnFinance);
        assertThat(ids(f -> f.within(Scope.none()))).isEmpty();
        // Finance is not HR's to see: the department filter then only matches the actor's department.
        assertThat(ids(f -> with(f, Optional.empty(), Optional.empty(), Optional.of("Finance"), Optional.empty(),
                Optional.empty()).within(hr))).containsExactly(financeDenied);
    }

    @Test
    void pages_follow_each_other_by_keyset_and_the_export_holds_them_all() {
        AuditEventPage first = trail.query().find(query(f -> f, OptionalLong.empty(), 2));
        assertThat(first.events()).extracting(AuditEvent::id).containsExactly(noDepartments, createdDone);
        assertThat(first.nextBeforeId()).hasValue(createdDone);
        AuditEventPage second = trail.query().find(query(f -> f, first.nextBeforeId(), 2));
        assertThat(second.events()).extracting(AuditEvent::id).containsExactly(pendingCreate, financeDenied);
        AuditEventPage last = trail.query().find(query(f -> f, second.nextBeforeId(), 2));
        assertThat(last.events()).extracting(AuditEvent::id).containsExactly(hrOnFinance);
        assertThat(last.nextBeforeId()).isEmpty();

        List<AuditEvent> exported = new ArrayList<>();
        trail.export().export(AuditFilter.NONE, exported::add);
        List<AuditEvent> paged = new ArrayList<>(first.events());
        paged.addAll(second.events());
        paged.addAll(last.events());
        assertThat(exported).isEqualTo(paged);
        List<Long> scopedExport = new ArrayList<>();
        trail.export().export(filter(AuditFilter.NONE, "local|hr-admin", null, null, null, null).within(EVERYWHERE),
                e -> scopedExport.add(e.id()));
        assertThat(scopedExport).containsExactly(createdDone, pendingCreate, hrOnFinance);
    }

    private AuditEvent only(UnaryOperator<AuditFilter> filter) {
        List<AuditEvent> events = trail.query().find(query(filter, OptionalLong.empty(), AuditQuery.MAX_LIMIT)).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    /** The ids a page finds, checked against what the export finds with the same filter. */
    private List<Long> ids(UnaryOperator<AuditFilter> filter) {
        List<Long> found = trail.query().find(query(filter, OptionalLong.empty(), AuditQuery.MAX_LIMIT)).events()
                .stream().map(AuditEvent::id).toList();
        List<Long> exported = new ArrayList<>();
        trail.export().export(filter.apply(AuditFilter.NONE), e -> exported.add(e.id()));
        assertThat(exported).as("export agrees with find").isEqualTo(found);
        return found;
    }

    private static AuditQuery query(UnaryOperator<AuditFilter> filter, OptionalLong before, int limit) {
        return AuditQuery.of(filter.apply(AuditFilter.NONE), before, limit);
    }

    private static AuditFilter filter(AuditFilter f, String actor, String target, AuditAction action,
                                      AuditDecision decision, AuditStatus status) {
        return new AuditFilter(Optional.ofNullable(actor), Optional.ofNullable(target), Optional.ofNullable(action),
                Optional.ofNullable(decision), Optional.ofNullable(status), f.rule(), f.department(), f.from(), f.to(),
                f.clientRequestId(), f.scope());
    }

    private static AuditFilter with(AuditFilter f, Optional<String> rule, Optional<String> clientRequestId,
                                    Optional<String> department, Optional<Instant> from, Optional<Instant> to) {
        return new AuditFilter(f.actorId(), f.targetId(), f.action(), f.decision(), f.status(), rule, department, from,
                to, clientRequestId, f.scope());
    }

    private static AuditRecord row(Instant at, String actor, String actorDepartment, AuditAction action, String target,
                                   String targetDepartment, AuditDecision decision, String rule, AuditStatus status,
                                   String clientRequestId) {
        return new AuditRecord(at, Optional.of("req-" + at.getEpochSecond()), Optional.ofNullable(actor), Optional.empty(),
                Optional.ofNullable(actorDepartment), action, Optional.ofNullable(target), Optional.empty(), decision,
                Optional.ofNullable(rule), Optional.empty(), List.of(), status, List.of(),
                Optional.ofNullable(targetDepartment), Optional.ofNullable(clientRequestId));
    }
}
