package dev.delegatedadmin.application.testsupport;

import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.port.out.AuditTrail;
import dev.delegatedadmin.application.port.out.AuditVerification;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.department.Department;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A test double of the audit trail, newest first like the real one. */
public class InMemoryAuditTrail implements AuditTrail {

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
        AuditEvent event = events.get((int) eventId - 1);
        if (event.status() != AuditStatus.PENDING) {
            throw new IllegalStateException("Event " + eventId + " is not pending");
        }
        events.set((int) eventId - 1, new AuditEvent(eventId, event.record(), outcome, detail, Optional.of(clock.instant())));
    }

    @Override
    public synchronized AuditEventPage find(AuditQuery query) {
        List<AuditEvent> matching = events.stream()
                .sorted(Comparator.comparingLong(AuditEvent::id).reversed())
                .filter(e -> query.beforeId().isEmpty() || e.id() < query.beforeId().getAsLong())
                .filter(e -> query.actorId().map(a -> e.record().actorId().equals(Optional.of(a))).orElse(true))
                .filter(e -> query.targetId().map(t -> e.record().targetId().equals(Optional.of(t))).orElse(true))
                .filter(e -> query.action().map(a -> e.record().action() == a).orElse(true))
                .filter(e -> query.status().map(s -> e.status() == s).orElse(true))
                .filter(e -> query.decision().map(d -> e.record().decision() == d).orElse(true))
                .filter(e -> query.rule().map(r -> e.record().rule().equals(Optional.of(r))).orElse(true))
                .filter(e -> query.department().map(d -> e.record().actorDepartment().equals(Optional.of(d))
                        || query.filter().showsDepartment(d) && e.record().targetDepartment().equals(Optional.of(d)))
                        .orElse(true))
                .filter(e -> query.scope().all() || query.scope().departments().stream().map(Department::name)
                        .anyMatch(d -> e.record().actorDepartment().equals(Optional.of(d))
                                || e.record().targetDepartment().equals(Optional.of(d))))
                .filter(e -> query.from().map(f -> !e.record().occurredAt().isBefore(f)).orElse(true))
                .filter(e -> query.to().map(t -> e.record().occurredAt().isBefore(t)).orElse(true))
                .limit(query.limit() + 1L)
                .toList();
        boolean more = matching.size() > query.limit();
        List<AuditEvent> page = more ? matching.subList(0, query.limit()) : matching;
        return new AuditEventPage(page, more ? OptionalLong.of(page.getLast().id()) : OptionalLong.empty());
    }

    /** Nothing to tamper with in memory: always intact, every row counted as sealed. */
    @Override
    public synchronized AuditVerification verify() {
        return new AuditVerification(events.size(), 0, Optional.empty(), Optional.empty());
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
