package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.domain.audit.AuditVerification;
import dev.delegatedadmin.domain.audit.AuditVerification.BrokenLink;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Verifies a trail against an anchor file without the service: for {@code verify-audit}. */
public final class OfflineAuditVerifier {

    private OfflineAuditVerifier() {
    }

    public static AuditVerification verify(DataSource dataSource, AuditAnchor anchor) {
        return verify(dataSource, anchor, List.of());
    }

    /**
     * With {@code archives} (retention's files, oldest first): each file is checked from the genesis on, every one
     * continuing from the previous one's last hash, and the database's chain must resume right after the last file.
     * {@code sealed_rows} then counts the archived seals too.
     */
    public static AuditVerification verify(DataSource dataSource, AuditAnchor anchor, List<Path> archives) {
        long expectedFrom = 1;
        byte[] previous = AuditHashes.GENESIS;
        long archivedRows = 0;
        for (Path file : archives) {
            AuditArchives.FileCheck check = AuditArchives.check(file, anchor, expectedFrom, previous);
            if (check.problem().isPresent()) {
                return new AuditVerification(archivedRows, 0, Optional.empty(), Optional.of(new BrokenLink(
                        check.fromSeq(), "archive", 0, "archive " + file.getFileName() + ": " + check.problem().get())),
                        Optional.empty(), Optional.empty(), Optional.empty());
            }
            expectedFrom = check.toSeq() + 1;
            previous = check.lastHash();
            archivedRows += check.rows();
        }
        AuditVerification database = new AuditChainVerifier(DSL.using(dataSource, SQLDialect.POSTGRES), anchor::latest,
                Optional.of(anchor)).verify();
        if (archives.isEmpty()) {
            return database;
        }
        long lastArchived = expectedFrom - 1;
        String lastHash = HexFormat.of().formatHex(previous);
        boolean joined = database.archived().map(a -> a.toSequence() == lastArchived && a.lastHash().equals(lastHash))
                .orElse(false);
        Optional<BrokenLink> broken = database.firstBroken().isPresent() || joined ? database.firstBroken()
                : Optional.of(new BrokenLink(lastArchived, "archive", 0, "the archive files end at seal " + lastArchived
                + " but the database's chain resumes after seal "
                + database.archived().map(a -> a.toSequence()).orElse(0L)));
        return new AuditVerification(database.sealedRows() + archivedRows, database.unsealed(), database.headHash(),
                broken, database.anchor(), database.truncated(), database.archived());
    }
}
