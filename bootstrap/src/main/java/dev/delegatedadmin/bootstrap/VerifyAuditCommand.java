package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.audit.AuditAnchor;
import dev.delegatedadmin.adapters.persistence.audit.OfflineAuditVerifier;
import dev.delegatedadmin.domain.audit.AuditVerification;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar delegated-admin.jar verify-audit --anchor FILE [--key-file FILE]}: walks the trail in the database
 * given by DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD against the latest checkpoint of an anchor file, without
 * starting the service. The key is AUDIT_ANCHOR_KEY, else {@code --key-file}, else {@code audit-anchor.key} beside
 * the anchor file. {@code --archive FILE} (repeatable, or a directory: every {@code audit-archive-*.ndjson.gz} in it)
 * adds retention's archive files, checked from the genesis up to where the database's chain resumes.
 * Exit status: 0 intact, 1 not intact, 2 cannot verify.
 */
final class VerifyAuditCommand {

    static final String NAME = "verify-audit";

    private VerifyAuditCommand() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path anchorFile = null;
        Path keyFile = null;
        List<Path> archives = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--anchor") && i + 1 < args.length) {
                anchorFile = Path.of(args[++i]);
            } else if (args[i].equals("--archive") && i + 1 < args.length) {
                Path archive = Path.of(args[++i]);
                if (Files.isDirectory(archive)) {
                    try (var files = Files.list(archive)) {
                        files.filter(f -> f.getFileName().toString().startsWith("audit-archive-")
                                && f.getFileName().toString().endsWith(".ndjson.gz")).sorted().forEach(archives::add);
                    } catch (java.io.IOException e) {
                        return usage(err, "cannot list " + archive);
                    }
                } else {
                    archives.add(archive);
                }
            } else if (args[i].equals("--key-file") && i + 1 < args.length) {
                keyFile = Path.of(args[++i]);
            } else {
                return usage(err, "unknown argument " + args[i]);
            }
        }
        String url = env.getOrDefault("DATABASE_URL", "");
        if (anchorFile == null || url.isBlank()) {
            return usage(err, anchorFile == null ? "--anchor FILE is required" : "DATABASE_URL is required");
        }
        if (!Files.isReadable(anchorFile)) {
            return usage(err, "cannot read the anchor file " + anchorFile);
        }
        String configuredKey = env.getOrDefault("AUDIT_ANCHOR_KEY", "");
        Path key = keyFile != null ? keyFile : anchorFile.toAbsolutePath().resolveSibling(AuditAnchor.KEY_FILE_NAME);
        if (configuredKey.isBlank() && !Files.isReadable(key)) {
            return usage(err, "no key: set AUDIT_ANCHOR_KEY or give --key-file (not found: " + key + ")");
        }
        AuditVerification result;
        try {
            AuditAnchor anchor = new AuditAnchor(anchorFile, AuditAnchor.key(configuredKey, key));
            result = OfflineAuditVerifier.verify(new DriverManagerDataSource(url, blankToNull(env.get("DATABASE_USER")),
                    blankToNull(env.get("DATABASE_PASSWORD"))), anchor, archives.stream().sorted().toList());
        } catch (RuntimeException e) {
            err.println("verify-audit: cannot verify: " + e.getMessage());
            return 2;
        }
        print(result, out);
        return result.intact() ? 0 : 1;
    }

    private static void print(AuditVerification result, PrintStream out) {
        out.println("intact: " + result.intact());
        out.println("sealed_rows: " + result.sealedRows());
        out.println("unsealed_rows: " + result.unsealed());
        out.println("head_hash: " + result.headHash().orElse("-"));
        out.println("anchor: " + result.anchor().map(a -> "seq=" + a.sequence() + " hash=" + a.hash() + " at=" + a.at())
                .orElse("none (no valid checkpoint in the file)"));
        out.println("archived: " + result.archived().map(a -> "seq 1 to " + a.toSequence() + " last_hash="
                + a.lastHash() + " at=" + a.at()).orElse("none"));
        out.println("truncated: " + result.truncated().isPresent());
        result.truncated().ifPresent(t -> out.println("missing_seq: " + t.fromSequence() + " to " + t.toSequence()));
        result.firstBroken().ifPresent(b -> out.println("first_broken: seq=" + b.sequence() + " " + b.kind() + " "
                + b.rowId() + ": " + b.reason()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("verify-audit: " + problem);
        err.println("usage: java -jar delegated-admin.jar verify-audit --anchor FILE [--key-file FILE] [--archive FILE|DIR]..."
                + " (DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD; AUDIT_ANCHOR_KEY if the key is not a file)");
        return 2;
    }
}
