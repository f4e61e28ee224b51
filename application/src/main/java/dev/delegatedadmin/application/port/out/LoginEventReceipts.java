package dev.delegatedadmin.application.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Signed login events already seen, shared by every instance (PostgreSQL), with the answer each one got: a JSON-like
 * tree (maps, lists, strings), stored as it is.
 */
public interface LoginEventReceipts {

    sealed interface Claim {
        /** First copy: process it, then {@link #answer} (or {@link #release} on failure). */
        record Won() implements Claim {
        }

        /** Answered before: send the same answer. */
        record Answered(Map<String, Object> answer) implements Claim {
            public Answered {
                Objects.requireNonNull(answer, "answer");
            }
        }

        /** Another copy is being processed right now. */
        record Pending() implements Claim {
        }
    }

    Claim claim(String eventKey, Instant receivedAt);

    void answer(String eventKey, Map<String, Object> answer);

    /** Processing failed: the next copy runs it again. */
    void release(String eventKey);

    /** Housekeeping: receipts older than the signature window can no longer be replayed. */
    int removeReceivedBefore(Instant before);
}
