package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.ExportAuditEvents;
import dev.delegatedadmin.application.port.out.QueryAuditEvents;
import dev.delegatedadmin.application.port.out.RecordAuditEvents;
import dev.delegatedadmin.application.port.out.VerifyAuditChain;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.audit.AuditVerification;
import dev.delegatedadmin.domain.department.Department;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A test double of the audit ports, newest first like the real one. Its filters are written by hand: the audit
 * contract ({@code AuditTrailContract}) runs against it and the jOOQ adapter, so that both agree.
 */
public class InMemoryAuditTrail implements RecordAuditEvents, QueryAuditEvents, ExportAuditEvents, VerifyAuditChain {

    private final List<AuditEvent> events = new ArrayList<>();
    private final Clock clock;

    public InMemoryAuditTrail(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized long record(AuditRecord record) {
        long id = events.size() + 1L;
        events.add(new AuditEvent(id, record, record.status(), Optional.empty(), Optional.empty()));
        return id;
    }

    @Override
    public synchronized void complete(long eventId, AuditStatus outcome, Optional<String> detail) {
        if (outcome == AuditStatus.PENDING) {
            throw new IllegalArgumentException("An outcome cannot be pending.");
        }
        AuditEvent event = events.get((int) eventId - 1);
        if (event.status() != AuditStatus.PENDING) {
            throw new IllegalStateException("Event " + eventId + " is not pending");
        }
        events.set((int) eventId - 1, new AuditEvent(eventId, event.record(), outcome, detail, Optional.of(clock.instant())));
    }

    @Override
    public synchronized AuditEventPage find(AuditQuery query) {
        List<AuditEvent> matching = matching(query.filter())
                .filter(e -> query.beforeId().isEmpty() || e.id() < query.beforeId().getAsLong())
                .limit(query.limit() + 1L)
                .toList();
        boolean more = matching.size() > query.limit();
        List<AuditEvent> page = more ? matching.subList(0, query.limit()) : matching;
        return new AuditEventPage(page, more ? OptionalLong.of(page.getLast().id()) : OptionalLong.empty());
    }

    @Override
    public void export(AuditFilter filter, Consumer<AuditEvent> sink) {
        List<AuditEvent> all;
        synchronized (this) {
            all = matching(filter).toList();
        }
        all.forEach(sink);
    }

    /** Nothing to tamper with in memory: always intact, every row counted as sealed. */
    @Override
    public synchronized AuditVerification verify() {
        return new AuditVerification(events.size(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }

    private Stream<AuditEvent> matching(AuditFilter filter) {
        return events.stream()
                .map(InMemoryAuditTrail::withCreatedTarget)
                .sorted(Comparator.comparingLong(AuditEvent::id).reversed())
                .filter(e -> filter.actorId().map(a -> e.record().actorId().equals(Optional.of(a))).orElse(true))
                .filter(e -> filter.targetId().map(t -> e.record().targetId().equals(Optional.of(t))).orElse(true))
                .filter(e -> filter.clientRequestId().map(c -> e.record().clientRequestId().equals(Optional.of(c)))
                        .orElse(true))
                .filter(e -> filter.action().map(a -> e.record().action() == a).orElse(true))
                .filter(e -> filter.status().map(s -> e.status() == s).orElse(true))
                .filter(e -> filter.decision().map(d -> e.record().decision() == d).orElse(true))
                .filter(e -> filter.rule().map(r -> e.record().rule().equals(Optional.of(r))).orElse(true))
                .filter(e -> filter.department().map(d -> e.record().actorDepartment().equals(Optional.of(d))
                        || filter.showsDepartment(d) && e.record().targetDepartment().equals(Optional.of(d)))
                        .orElse(true))
                .filter(e -> filter.scope().all() || filter.scope().departments().stream().map(Department::name)
                        .anyMatch(d -> e.record().actorDepartment().equals(Optional.of(d))
                                || e.record().targetDepartment().equals(Optional.of(d))))
                .filter(e -> filter.from().map(f -> !e.record().occurredAt().isBefore(f)).orElse(true))
                .filter(e -> filter.to().map(t -> e.record().occurredAt().isBefore(t)).orElse(true));
    }

    /** As the real trail: a create's target is the id in its outcome ({@link #CREATED_USER_DETAIL}). */
    private static AuditEvent withCreatedTarget(AuditEvent event) {
        AuditRecord record = event.record();
        Optional<String> created = event.outcomeDetail()
                .filter(d -> record.action() == AuditAction.USER_CREATE && d.startsWith(CREATED_USER_DETAIL))
                .map(d -> d.substring(CREATED_USER_DETAIL.length()));
        if (record.targetId().isPresent() || created.isEmpty()) {
            return event;
        }
        return new AuditEvent(event.id(), new AuditRecord(record.occurredAt(), record.requestId(), record.actorId(),
                record.actorEmail(), record.actorDepartment(), record.action(), created, record.targetEmail(),
                record.decision(), record.rule(), record.message(), record.changedFields(), record.status(),
                record.changes(), record.targetDepartment(), record.clientRequestId()),
                event.status(), event.outcomeDetail(), event.completedAt());
    }
}
