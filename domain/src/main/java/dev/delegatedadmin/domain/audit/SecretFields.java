package dev.delegatedadmin.domain.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fields whose values never reach the audit trail: the password always, the fields named here (e.g. marked
 * secret in the policy, as {@code user_metadata.ssn}), and, as a safety net, any field whose last name looks
 * like a credential ({@code api_token}, {@code client_secret}, {@code password_hint}...).
 */
public record SecretFields(Set<String> named) {

    public static final SecretFields DEFAULT = new SecretFields(Set.of());

    private static final Pattern CREDENTIAL_LIKE = Pattern.compile(
            ".*(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential).*");

    public SecretFields {
        named = Set.copyOf(Objects.requireNonNull(named, "named"));
    }

    public boolean isSecret(String field) {
        if (field.equals("password") || named.contains(field)) {
            return true;
        }
        String last = field.substring(field.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CREDENTIAL_LIKE.matcher(last).matches();
    }
}
