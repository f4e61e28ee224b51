package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.domain.user.Password;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The local IdP's password policy and hashing (Argon2id, Spring Security 5.8 defaults: 16 MiB, 2 iterations,
 * parallelism 1, about 50 ms per hash here). Neither a password nor a hash is ever logged or returned.
 */
public final class LocalPasswords {

    static final int MIN_LENGTH = 8;
    static final String TOO_SHORT = "The password must have at least " + MIN_LENGTH + " characters.";

    /**
     * Checked instead of a missing hash (unknown email, no password), so that every failed log-in costs one check:
     * the hash of a random password that was never kept, with the encoder's own parameters (a test holds them
     * equal). Hashing a fresh one at start took about a second of a cold JVM, on every start.
     */
    static final String DUMMY_HASH =
            "$argon2id$v=19$m=16384,t=2,p=1$SawEwBCCaley4o27VptDag$THMqJmFwxr8JDPw5neUOdHxxLAwCgKQB9KY9zsg5SJU";

    private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    /** Applies the policy, then hashes. */
    String hash(Password password) {
        requirePolicy(password);
        return encoder.encode(password.reveal());
    }

    static void requirePolicy(Password password) {
        String value = password.reveal();
        if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
            throw InvalidInputException.of("password", TOO_SHORT);
        }
    }

    /** One Argon2 check whether or not there is a hash to compare with; false when there is none. */
    boolean matches(Password password, String hashOrNull) {
        if (hashOrNull == null) {
            encoder.matches(password.reveal(), DUMMY_HASH);
            return false;
        }
        return encoder.matches(password.reveal(), hashOrNull);
    }
}
