package dev.delegatedadmin.adapters.persistence;

import dev.delegatedadmin.domain.audit.AuditVerification;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Verifies a trail against an anchor file without the service: for {@code verify-audit}. */
public final class OfflineAuditVerifier {

    private OfflineAuditVerifier() {
    }

    public static AuditVerification verify(DataSource dataSource, AuditAnchor anchor) {
        return new AuditChainVerifier(DSL.using(dataSource, SQLDialect.POSTGRES), anchor::latest).verify();
    }
}
