package dev.delegatedadmin.adapters.web.login;

import dev.delegatedadmin.adapters.web.http.InvalidSignatureException;
import dev.delegatedadmin.application.error.StartupSettingException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * {@code X-Delegated-Admin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>} (SPEC
 * section 6). Checked on the raw bytes, compared in constant time; older than 5 minutes or more than 1 minute ahead
 * is refused. The secret is held here only and never printed ({@link #toString()}).
 */
public final class LoginEventSignature {

    public static final String HEADER = "X-Delegated-Admin-Signature";
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MAX_AHEAD = Duration.ofMinutes(1);
    /** 32 bytes: the HMAC-SHA256 key should be as long as its output. */
    static final int MIN_SECRET_LENGTH = 32;

    private final byte[] secret;
    private final Clock clock;

    private LoginEventSignature(byte[] secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** Empty when no secret is configured: the endpoint is off. A secret that is too short stops the start. */
    static Optional<LoginEventSignature> of(@Nullable String secret, Clock clock) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        byte[] bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_LENGTH) {
            throw new StartupSettingException("LOGIN_EVENTS_SECRET", "LOGIN_EVENTS_SECRET must be at least "
                    + MIN_SECRET_LENGTH + " characters long (it has " + bytes.length + ").",
                    "Set LOGIN_EVENTS_SECRET to a longer secret, e.g. the output of `openssl rand -hex 32`, and the same"
                            + " value in the Auth0 Action's secrets; or unset it to turn POST /api/v1/login-events off.");
        }
        return Optional.of(new LoginEventSignature(bytes, clock));
    }

    /**
     * Checks the header against the body; returns the event's key, the SHA-256 (hex) of {@code t + "." + body}:
     * the same for every copy of one signed event, whatever else the header holds.
     */
    String verify(@Nullable String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException(HEADER, "The " + HEADER + " header is required.");
        }
        String timestamp = null;
        byte[] signature = null;
        for (String part : header.split(",", 8)) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                throw malformed();
            }
            switch (pair[0]) {
                case "t" -> timestamp = pair[1];
                case "v1" -> signature = hex(pair[1]);
                default -> {
                    // Other schemes (a future v2) are ignored, as Stripe-style signatures do.
                }
            }
        }
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
            throw malformed();
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_AGE)) || signedAt.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidSignatureException(HEADER, "The signature's timestamp is outside the accepted window "
                    + "(5 minutes old at most).");
        }
        if (!MessageDigest.isEqual(expected(timestamp, body), signature)) {
            throw new InvalidSignatureException(HEADER, "The signature does not match.");
        }
        return eventKey(timestamp, body);
    }

    private static String eventKey(String timestamp, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '.');
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Exposed for tests and for documentation: what a sender computes. */
    byte[] expected(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] hex(String value) {
        if (value.length() != 64) {
            throw malformed();
        }
        try {
            return HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static InvalidSignatureException malformed() {
        return new InvalidSignatureException(HEADER, "The " + HEADER + " header must be t=<unix seconds>,v1=<64 hex digits>.");
    }

    @Override
    public String toString() {
        return "LoginEventSignature[secret=[redacted]]";
    }
}
