package dev.delegatedadmin.adapters.persistence.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What retention removed from the database: one signed {@link Archive} per archive file, kept in {@code audit_archive}
 * (where the delete trigger reads the boundary) and beside the file ({@code <file>.checkpoint.json}). The signature is
 * the audit anchor's HMAC, whose key is not in the database: a boundary forged in the database does not verify.
 */
public final class AuditArchives {

    static final String CHECKPOINT_SUFFIX = ".checkpoint.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AuditArchives() {
    }

    /** Seals {@code fromSeq..toSeq} are in {@code file}; the last one's hash (hex) is {@code lastHash}. */
    record Archive(long fromSeq, long toSeq, String lastHash, String file, String fileSha256, long rows, Instant at,
                   String instance, String signature) {

        Archive {
            Objects.requireNonNull(lastHash, "lastHash");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(fileSha256, "fileSha256");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(signature, "signature");
        }

        /** Everything but the signature, with its own prefix so that no checkpoint's text equals an archive's. */
        String signedText() {
            return "audit-archive/v1\n" + fromSeq + "\n" + toSeq + "\n" + lastHash + "\n" + file + "\n" + fileSha256
                    + "\n" + rows + "\n" + at + "\n" + instance;
        }

        boolean signedBy(AuditAnchor anchor) {
            return MessageDigest.isEqual(anchor.hmac(signedText()).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }

        /** Safe to log: no secret. */
        String json() {
            return "{\"from_seq\":" + fromSeq + ",\"to_seq\":" + toSeq + ",\"last_hash\":\"" + lastHash
                    + "\",\"file\":\"" + file + "\",\"sha256\":\"" + fileSha256 + "\",\"rows\":" + rows
                    + ",\"at\":\"" + at + "\",\"instance\":\"" + instance + "\",\"signature\":\"" + signature + "\"}";
        }

        static Archive parse(String json) {
            JsonNode node = MAPPER.readTree(json);
            return new Archive(node.get("from_seq").asLong(), node.get("to_seq").asLong(),
                    node.get("last_hash").asString(), node.get("file").asString(), node.get("sha256").asString(),
                    node.get("rows").asLong(), Instant.parse(node.get("at").asString()),
                    node.get("instance").asString(), node.get("signature").asString());
        }

        static Archive sign(AuditAnchor anchor, long fromSeq, long toSeq, String lastHash, String file,
                            String fileSha256, long rows, Instant at, String instance) {
            // Microseconds: what timestamptz keeps, so that the row read back signs the same text.
            Instant micros = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            String safe = instance.replaceAll("[^A-Za-z0-9._:-]", "");
            Archive unsigned = new Archive(fromSeq, toSeq, lastHash, file, fileSha256, rows, micros, safe, "-");
            return new Archive(fromSeq, toSeq, lastHash, file, fileSha256, rows, micros, safe,
                    anchor.hmac(unsigned.signedText()));
        }
    }

    /** The newest archive boundary in the database (the highest {@code to_seq}), if any. */
    static Optional<Archive> latest(DSLContext tx) {
        Record row = tx.resultQuery("select from_seq, to_seq, encode(last_hash, 'hex'), file_name, file_sha256,"
                + " row_count, archived_at, instance, signature from audit_archive order by to_seq desc limit 1").fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Archive(row.get(0, Long.class), row.get(1, Long.class), row.get(2, String.class),
                row.get(3, String.class), row.get(4, String.class), row.get(5, Long.class),
                row.get(6, OffsetDateTime.class).toInstant(), row.get(7, String.class), row.get(8, String.class)));
    }

    static void insert(DSLContext tx, Archive archive) {
        tx.execute("insert into audit_archive (to_seq, from_seq, last_hash, file_name, file_sha256, row_count,"
                        + " archived_at, instance, signature) values ({0}, {1}, decode({2}, 'hex'), {3}, {4}, {5}, {6},"
                        + " {7}, {8})", DSL.val(archive.toSeq()), DSL.val(archive.fromSeq()),
                DSL.val(archive.lastHash()), DSL.val(archive.file()), DSL.val(archive.fileSha256()),
                DSL.val(archive.rows()), DSL.val(OffsetDateTime.ofInstant(archive.at(), ZoneOffset.UTC)),
                DSL.val(archive.instance()), DSL.val(archive.signature()));
    }

    /** What checking one archive file found: the last hash it ends with, or why it does not hold. */
    record FileCheck(long fromSeq, long toSeq, byte[] lastHash, long rows, Optional<String> problem) {
    }

    /**
     * Checks an archive file alone: its signed checkpoint (beside it) against {@code anchor}, its SHA-256, and every
     * line's content hash and link, starting from {@code previous} (the genesis for the first archive, else the
     * previous archive's last hash).
     */
    static FileCheck check(Path file, AuditAnchor anchor, long expectedFrom, byte[] previous) {
        Path sidecar = file.resolveSibling(file.getFileName() + CHECKPOINT_SUFFIX);
        Archive archive;
        try {
            archive = Archive.parse(Files.readString(sidecar));
        } catch (IOException | RuntimeException e) {
            return new FileCheck(expectedFrom, expectedFrom - 1, previous, 0,
                    Optional.of("its checkpoint " + sidecar.getFileName() + " is missing or unreadable"));
        }
        if (!archive.signedBy(anchor)) {
            return fail(archive, previous, "its checkpoint's signature does not hold");
        }
        if (archive.fromSeq() != expectedFrom) {
            return fail(archive, previous, "it starts at seal " + archive.fromSeq() + ", expected " + expectedFrom);
        }
        HexFormat hex = HexFormat.of();
        long expectedSeq = archive.fromSeq();
        long rows = 0;
        try (DigestInputStream digest = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"));
             BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(digest), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode seal = MAPPER.readTree(line);
                long seq = seal.get("seq").asLong();
                String kind = seal.get("kind").asString();
                byte[] content = AuditHashes.contentHash(kind, seal.get("canonical").asString());
                byte[] hash = hex.parseHex(seal.get("hash").asString());
                if (seq != expectedSeq) {
                    return fail(archive, previous, "seal " + expectedSeq + " is missing from the file");
                }
                if (!Arrays.equals(content, hex.parseHex(seal.get("content_hash").asString()))) {
                    return fail(archive, previous, "the " + kind + " row of seal " + seq + " was changed");
                }
                if (!Arrays.equals(previous, hex.parseHex(seal.get("prev_hash").asString()))
                        || !Arrays.equals(hash, AuditHashes.linkHash(previous, seq, kind, seal.get("ref_id").asLong(), content))) {
                    return fail(archive, previous, "the link of seal " + seq + " is broken");
                }
                previous = hash;
                expectedSeq++;
                rows++;
            }
            drain(digest);
            String sha256 = hex.formatHex(digest.getMessageDigest().digest());
            if (!sha256.equals(archive.fileSha256())) {
                return fail(archive, previous, "the file's SHA-256 differs from its checkpoint");
            }
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            return fail(archive, previous, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (expectedSeq - 1 != archive.toSeq() || !hex.formatHex(previous).equals(archive.lastHash())) {
            return fail(archive, previous, "it does not end at its checkpoint's seal " + archive.toSeq());
        }
        return new FileCheck(archive.fromSeq(), archive.toSeq(), previous, rows, Optional.empty());
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private static FileCheck fail(Archive archive, byte[] previous, String problem) {
        return new FileCheck(archive.fromSeq(), archive.toSeq(), previous, 0, Optional.of(problem));
    }
}
