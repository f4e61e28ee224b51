package dev.delegatedadmin.adapters.persistence;

import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * The canonical content of audit rows and the chain's hashes, computed in Java from the rows as PostgreSQL returns
 * them, so that verifying trusts no code stored in the database. Every column is covered, in a fixed order, each
 * value length-prefixed (no two rows share an encoding); jsonb is PostgreSQL's normalised text; times are epoch
 * microseconds. A column added later must be appended here under a new version tag, or it is not covered.
 */
final class AuditHashes {

    static final String EVENT = "event";
    static final String OUTCOME = "outcome";
    static final byte[] GENESIS = new byte[32];

    static final List<Field<?>> EVENT_COLUMNS = List.of(AUDIT_EVENT.ID, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.REQUEST_ID,
            AUDIT_EVENT.ACTOR_ID, AUDIT_EVENT.ACTOR_EMAIL, AUDIT_EVENT.ACTOR_DEPARTMENT, AUDIT_EVENT.ACTION,
            AUDIT_EVENT.TARGET_ID, AUDIT_EVENT.TARGET_EMAIL, AUDIT_EVENT.DECISION, AUDIT_EVENT.RULE, AUDIT_EVENT.MESSAGE,
            AUDIT_EVENT.CHANGED_FIELDS, AUDIT_EVENT.STATUS, AUDIT_EVENT.CHANGES, AUDIT_EVENT.TARGET_DEPARTMENT,
            AUDIT_EVENT.INSTANCE_ID);
    static final List<Field<?>> OUTCOME_COLUMNS = List.of(AUDIT_OUTCOME.ID, AUDIT_OUTCOME.EVENT_ID,
            AUDIT_OUTCOME.OUTCOME, AUDIT_OUTCOME.DETAIL, AUDIT_OUTCOME.COMPLETED_AT);

    private AuditHashes() {
    }

    static byte[] contentHash(String kind, Record row) {
        List<Field<?>> columns = EVENT.equals(kind) ? EVENT_COLUMNS : OUTCOME_COLUMNS;
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        put(out, ("audit_" + kind + "/v1").getBytes(StandardCharsets.UTF_8));
        for (Field<?> column : columns) {
            Object value = row.get(column);
            if (value == null) {
                out.write(0);
            } else {
                out.write(1);
                put(out, text(value).getBytes(StandardCharsets.UTF_8));
            }
        }
        return sha256(out.toByteArray());
    }

    /** The link: this seal's position and row, its content, and the previous seal's hash. */
    static byte[] linkHash(byte[] previous, long seq, String kind, long refId, byte[] contentHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(previous);
        out.writeBytes(ByteBuffer.allocate(8).putLong(seq).array());
        put(out, kind.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ByteBuffer.allocate(8).putLong(refId).array());
        out.writeBytes(contentHash);
        return sha256(out.toByteArray());
    }

    private static String text(Object value) {
        return switch (value) {
            case OffsetDateTime time -> Long.toString(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant()));
            case JSONB json -> json.data();
            default -> value.toString();
        };
    }

    private static void put(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
