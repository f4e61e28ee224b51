package dev.delegatedadmin.application.contract;

import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import java.time.Clock;

/** The audit contract against the in-memory double that the application and web tests use. */
class InMemoryAuditTrailContractTest extends AuditTrailContract {

    @Override
    protected AuditPorts newTrail() {
        InMemoryAuditTrail trail = new InMemoryAuditTrail(Clock.systemUTC());
        return new AuditPorts(trail, trail, trail);
    }
}
