package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.application.contract.AuditTrailContract;
import java.time.Clock;

/** The audit contract against the jOOQ adapter on a fresh, migrated PostgreSQL. */
public class JooqAuditTrailContractTest extends AuditTrailContract {

    @Override
    protected AuditPorts newTrail() {
        JooqAuditTrail trail = new JooqAuditTrail(Databases.migrated(), Clock.systemUTC());
        return new AuditPorts(trail, trail, trail);
    }
}
