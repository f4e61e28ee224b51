package dev.delegatedadmin.adapters.persistence.testsupport;

import dev.delegatedadmin.adapters.persistence.audit.JooqAuditTrail;
import dev.delegatedadmin.adapters.persistence.audit.OutcomeJournal;
import dev.delegatedadmin.adapters.persistence.audit.OutcomeWriter;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** A fresh database migrated with the real Flyway scripts, as a plain jOOQ DSLContext (no Spring). */
public final class Databases {

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private Databases() {
    }

    public static DataSource migratedDataSource() {
        DataSource dataSource = TestDatabase.freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    public static DSLContext migrated() {
        return DSL.using(migratedDataSource(), SQLDialect.POSTGRES);
    }

    /** Outcomes on {@code db}, journaled (if ever) in a fresh temporary directory. */
    public static OutcomeWriter outcomes(DSLContext db) {
        try {
            return new OutcomeWriter(db, new OutcomeJournal(java.nio.file.Files.createTempDirectory("journal")
                    .resolve(JooqAuditTrail.JOURNAL_FILE)), OutcomeWriter.Retry.DEFAULT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
