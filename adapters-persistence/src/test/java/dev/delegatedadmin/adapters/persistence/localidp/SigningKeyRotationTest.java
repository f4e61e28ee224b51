package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import dev.delegatedadmin.adapters.persistence.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 1: two instances on one database rotate one key between them: the next key is published before it
 * signs, one instance switches, the other follows within the refresh time, and the old key is deleted once its
 * tokens are refused anyway (expired, plus the verifier's clock skew).
 */
public class SigningKeyRotationTest {

    private static final Duration ROTATE_AFTER = Duration.ofDays(30);
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final Duration REFRESH = Duration.ofMillis(200);

    private final DSLContext db = Databases.migrated();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void one_instance_rotates_the_other_follows_and_the_old_key_verifies_until_its_tokens_expired() throws Exception {
        SigningKeys first = new SigningKeys(db, clock, SigningKeyEncryptionTest.CIPHER, REFRESH);
        SigningKeys second = new SigningKeys(db, clock, SigningKeyEncryptionTest.CIPHER, REFRESH);
        String old = first.active().kid();
        assertThat(second.active().kid()).isEqualTo(old);
        assertThat(first.rotateIfDue(ROTATE_AFTER, TTL)).isEqualTo("nothing");

        clock.advance(ROTATE_AFTER);
        assertThat(first.rotateIfDue(ROTATE_AFTER, TTL)).isEqualTo("created");
        assertThat(second.rotateIfDue(ROTATE_AFTER, TTL)).as("one next key, whoever checks").isEqualTo("waiting");
        Thread.sleep(REFRESH.toMillis() * 2);
        // Published before it signs: both instances verify with it already.
        assertThat(first.all()).hasSize(2);
        assertThat(second.all()).hasSize(2);
        assertThat(second.active().kid()).isEqualTo(old);

        clock.advance(REFRESH.multipliedBy(2));
        assertThat(second.rotateIfDue(ROTATE_AFTER, TTL)).isEqualTo("rotated");
        Thread.sleep(REFRESH.toMillis() * 2);
        String current = first.active().kid();
        assertThat(current).isNotEqualTo(old);
        assertThat(second.active().kid()).isEqualTo(current);
        assertThat(first.all()).extracting(SigningKeys.SigningKey::kid).containsExactly(current, old);

        clock.advance(TTL.plus(SigningKeys.VERIFIER_SKEW));
        assertThat(first.rotateIfDue(ROTATE_AFTER, TTL)).as("the old key's tokens may still be accepted").isEqualTo("nothing");
        clock.advance(REFRESH.multipliedBy(3));
        assertThat(first.rotateIfDue(ROTATE_AFTER, TTL)).isEqualTo("deleted");
        Thread.sleep(REFRESH.toMillis() * 2);
        assertThat(second.all()).extracting(SigningKeys.SigningKey::kid).containsExactly(current);
    }
}
