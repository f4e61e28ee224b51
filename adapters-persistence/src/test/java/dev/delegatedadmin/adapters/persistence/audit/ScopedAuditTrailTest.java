package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.audit.AuditAction;
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
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader's scope is part of the SQL of the audit queries (issue 11 item 6). */
public class ScopedAuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Scope HR = Scope.of(Set.of(new Department("HR")));

    private DSLContext db;
    private JooqAuditTrail trail;
    private long hrOnHr;
    private long hrProbesFinance;
    private long financeOnFinance;
    private long financeOnHr;
    private long system;

    @BeforeEach
    void events() {
        db = Databases.migrated();
        trail = new JooqAuditTrail(db, new MutableClock(T0));
        hrOnHr = trail.record(event("HR", "HR"));
        hrProbesFinance = trail.record(event("HR", "Finance"));
        financeOnFinance = trail.record(event("Finance", "Finance"));
        financeOnHr = trail.record(event("Finance", "HR"));
        system = trail.record(event(null, null));
    }

    @Test
    void a_restricted_scope_matches_the_actor_or_the_target_department_and_never_an_event_with_neither() {
        assertThat(ids(query().build().within(HR))).containsExactly(financeOnHr, hrProbesFinance, hrOnHr);
        assertThat(ids(query().build())).containsExactly(system, financeOnHr, financeOnFinance, hrProbesFinance, hrOnHr);
        assertThat(ids(query().build().within(Scope.all(Set.of()))))
                .containsExactly(system, financeOnHr, financeOnFinance, hrProbesFinance, hrOnHr);
        assertThat(ids(query().build().within(Scope.none()))).isEmpty();
    }

    @Test
    void the_department_filter_of_a_restricted_reader_never_matches_a_target_department_outside_its_scope() {
        // Else ?department=Finance&target=<id> would tell an HR reader whether <id> is in Finance.
        assertThat(ids(query().department("Finance").build().within(HR))).containsExactly(financeOnHr);
        assertThat(ids(query().department("HR").build().within(HR))).containsExactly(financeOnHr, hrProbesFinance, hrOnHr);
        assertThat(ids(query().department("Finance").build()))
                .containsExactly(financeOnHr, financeOnFinance, hrProbesFinance);
    }

    @Test
    void the_export_is_scoped_like_the_pages() {
        List<Long> exported = new ArrayList<>();
        trail.export(AuditFilter.NONE.within(HR), event -> exported.add(event.id()));
        assertThat(exported).containsExactly(financeOnHr, hrProbesFinance, hrOnHr);
    }

    @Test
    void a_scoped_page_walks_an_index_newest_first_not_the_whole_table() {
        db.execute("""
                insert into audit_event (occurred_at, actor_department, action, target_department, decision, status,
                                         changed_fields)
                select now(), (array['Finance','HR','IT','Sales'])[1 + i % 4], 'user.update',
                       (array['Finance','HR','IT','Sales'])[1 + (i / 4) % 4], 'allowed', 'no_change', '[]'
                from generate_series(1, 20000) i""");
        db.execute("analyze audit_event");
        db.execute("analyze audit_outcome");
        for (AuditQuery query : List.of(query().limit(50).build().within(HR),
                query().limit(50).before(OptionalLong.of(10_000)).build().within(HR),
                query().limit(50).department("Finance").build().within(HR))) {
            String plan = String.join("\n", db.fetch("explain " + db.renderInlined(trail.pageQuery(query)))
                    .getValues(0, String.class));
            assertThat(plan).as(plan).doesNotContain("Seq Scan on audit_event").contains("Index");
        }
    }

    private List<Long> ids(AuditQuery query) {
        return trail.find(query).events().stream().map(AuditEvent::id).toList();
    }

    private static AuditQueryBuilder query() {
        return new AuditQueryBuilder();
    }

    private static AuditRecord event(String actorDepartment, String targetDepartment) {
        return new AuditRecord(T0, Optional.empty(), Optional.ofNullable(actorDepartment).map(d -> "local|" + d),
                Optional.empty(), Optional.ofNullable(actorDepartment), AuditAction.USER_UPDATE,
                Optional.of("local|target"), Optional.of("target@example.com"), AuditDecision.ALLOWED, Optional.empty(),
                Optional.empty(), List.of(), AuditStatus.NO_CHANGE, List.of(), Optional.ofNullable(targetDepartment), Optional.empty());
    }
}
