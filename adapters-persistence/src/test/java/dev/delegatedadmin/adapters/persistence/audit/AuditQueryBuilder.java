package dev.delegatedadmin.adapters.persistence.audit;

import java.util.Set;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** An AuditQuery with only the given filters, for the audit trail's tests and benchmark. */
public final class AuditQueryBuilder {
    private Optional<String> actor = Optional.empty();
    private Optional<String> target = Optional.empty();
    private Optional<AuditAction> action = Optional.empty();
    private Optional<AuditStatus> status = Optional.empty();
    private Optional<AuditDecision> decision = Optional.empty();
    private Optional<String> rule = Optional.empty();
    private Optional<String> department = Optional.empty();
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private OptionalLong before = OptionalLong.empty();
    private int limit = AuditQuery.MAX_LIMIT;

    AuditQueryBuilder actor(String value) {
        actor = Optional.of(value);
        return this;
    }

    AuditQueryBuilder target(String value) {
        target = Optional.of(value);
        return this;
    }

    AuditQueryBuilder action(AuditAction value) {
        action = Optional.of(value);
        return this;
    }

    AuditQueryBuilder status(AuditStatus value) {
        status = Optional.of(value);
        return this;
    }

    AuditQueryBuilder decision(AuditDecision value) {
        decision = Optional.of(value);
        return this;
    }

    AuditQueryBuilder rule(String value) {
        rule = Optional.of(value);
        return this;
    }

    AuditQueryBuilder department(String value) {
        department = Optional.of(value);
        return this;
    }

    AuditQueryBuilder from(Instant value) {
        from = Optional.of(value);
        return this;
    }

    AuditQueryBuilder to(Instant value) {
        to = Optional.of(value);
        return this;
    }

    AuditQueryBuilder before(OptionalLong value) {
        before = value;
        return this;
    }

    AuditQueryBuilder limit(int value) {
        limit = value;
        return this;
    }

    AuditQuery build() {
        return new AuditQuery(actor, target, action, status, from, to, before, limit, decision, rule, department, Optional.empty(), Scope.all(Set.of()));
    }
}
