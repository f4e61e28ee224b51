package dev.delegatedadmin.adapters.persistence.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The canonical content of audit rows and the chain's hashes. The content is PostgreSQL's text of a row built from
 * an explicit column list (a record's output quotes and escapes every value, and tells NULL from an empty string),
 * read in a session pinned to UTC and ISO dates, so the same row always gives the same text; a column added later
 * must be appended here under a new version tag, or it is not covered; or, as {@code client_request_id} (V9), be
 * appended to the record only when it is not null: a row without it keeps the text (and hash) it was sealed with, and
 * a row with it has one field more, so no text of one shape equals a text of the other. Hashing happens in Java, on both sides
 * (sealing and verifying), so verifying trusts no function stored in the database.
 */
public final class AuditHashes {

    static final String EVENT = "event";
    static final String OUTCOME = "outcome";
    static final byte[] GENESIS = new byte[32];

    private static final List<String> EVENT_COLUMNS = List.of("id", "occurred_at", "request_id", "actor_id",
            "actor_email", "actor_department", "action", "target_id", "target_email", "decision", "rule", "message",
            "changed_fields", "status", "changes", "target_department", "instance_id");
    private static final List<String> OUTCOME_COLUMNS = List.of("id", "event_id", "outcome", "detail", "completed_at");

    /** {@code audit_event}'s canonical text, for selects from (or joins with) that table. */
    static final Field<String> EVENT_CONTENT = DSL.field("(case when audit_event.client_request_id is null then {0}"
            + " else {1} end)", String.class, canonical("audit_event", EVENT_COLUMNS),
            canonical("audit_event", concat(EVENT_COLUMNS, "client_request_id"))).as("audit_event_content");
    static final Field<String> OUTCOME_CONTENT = canonical("audit_outcome", OUTCOME_COLUMNS).as("audit_outcome_content");

    private AuditHashes() {
    }

    /** Pins the settings that shape a row's text; call inside the transaction that reads canonical content. */
    static void pinSession(DSLContext tx) {
        tx.execute("set local timezone = 'UTC'");
        tx.execute("set local datestyle = 'ISO, YMD'");
    }

    static byte[] contentHash(String kind, String canonical) {
        byte[] tag = ("audit_" + kind + "/v1\n").getBytes(StandardCharsets.UTF_8);
        byte[] text = canonical.getBytes(StandardCharsets.UTF_8);
        return sha256(ByteBuffer.allocate(tag.length + text.length).put(tag).put(text).array());
    }

    /** The link: this seal's position and row, its content, and the previous seal's hash. */
    static byte[] linkHash(byte[] previous, long seq, String kind, long refId, byte[] contentHash) {
        byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
        return sha256(ByteBuffer.allocate(32 + 8 + 4 + kindBytes.length + 8 + 32)
                .put(previous).putLong(seq).putInt(kindBytes.length).put(kindBytes).putLong(refId).put(contentHash)
                .array());
    }

    private static Field<String> canonical(String table, List<String> columns) {
        return DSL.field(columns.stream().map(c -> table + "." + c)
                .collect(Collectors.joining(", ", "(row(", ")::text)")), String.class);
    }

    private static List<String> concat(List<String> columns, String column) {
        return java.util.stream.Stream.concat(columns.stream(), java.util.stream.Stream.of(column)).toList();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
