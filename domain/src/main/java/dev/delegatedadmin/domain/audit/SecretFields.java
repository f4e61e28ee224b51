package dev.delegatedadmin.domain.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fields whose values never reach the audit trail, at any depth of a JSON value (paths such as
 * {@code user_metadata.sso.password}): the password always; the paths named here (from {@code AUDIT_SECRET_FIELDS}),
 * each matching itself and any path that ends with it ({@code ssn} matches {@code user_metadata.hr.ssn}); and any
 * field whose own name looks like a credential. A name is split into word parts at {@code _ - .}, spaces and camelCase
 * ({@code recoveryCodes} is {@code recovery} + {@code codes}); it is a credential if a part is one of {@link #WORDS}
 * (a trailing {@code s} ignored), or if it contains one of {@link #UNAMBIGUOUS} anywhere ({@code clientsecret}).
 * Short words count only as whole parts, so that {@code monkey}, {@code spinner} or {@code seedling} are kept.
 */
public record SecretFields(Set<String> named) {

    public static final SecretFields DEFAULT = new SecretFields(Set.of());

    /** Credential words, matched as whole word parts. */
    static final Set<String> WORDS = Set.of("password", "passwd", "pwd", "passphrase", "passcode", "secret", "token",
            "pin", "otp", "totp", "hotp", "seed", "recovery", "key", "apikey", "credential", "mfa", "cvv", "cvc",
            "cookie", "bearer", "jwt");
    /** Long enough never to be part of an innocent word: matched anywhere in the name. */
    static final Pattern UNAMBIGUOUS = Pattern.compile("password|passwd|passphrase|secret|token|credential|apikey|privatekey|otpauth");
    private static final Pattern PARTS = Pattern.compile("[_\\-. ]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    public SecretFields {
        named = Set.copyOf(Objects.requireNonNull(named, "named"));
    }

    /** {@code field} is a dotted path; its last segment is the field's own name. */
    public boolean isSecret(String field) {
        if (field.equals("password") || named.contains(field)) {
            return true;
        }
        for (String path : named) {
            if (field.endsWith("." + path)) {
                return true;
            }
        }
        return isCredentialName(field.substring(field.lastIndexOf('.') + 1));
    }

    /** One key's own name (no path), by the rules above. */
    public static boolean isCredentialName(String name) {
        if (UNAMBIGUOUS.matcher(name.toLowerCase(Locale.ROOT)).find()) {
            return true;
        }
        for (String part : PARTS.split(name)) {
            String word = part.toLowerCase(Locale.ROOT);
            if (WORDS.contains(word) || word.endsWith("s") && WORDS.contains(word.substring(0, word.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
