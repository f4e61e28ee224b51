package dev.delegatedadmin.adapters.web.audit;

import dev.delegatedadmin.application.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The audit trail's keyset position as an opaque token, so that clients do not build cursors themselves
 * and the encoding can change without breaking them.
 */
public final class AuditCursor {

    private static final String PREFIX = "v1:";
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

    private AuditCursor() {
    }

    static String encode(long beforeId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + beforeId).getBytes(StandardCharsets.US_ASCII));
    }

    static OptionalLong decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (decoded.startsWith(PREFIX) && ID.matcher(decoded.substring(PREFIX.length())).matches()) {
                return OptionalLong.of(Long.parseLong(decoded.substring(PREFIX.length())));
            }
        } catch (IllegalArgumentException e) {
            // not base64url, or out of range: reported below
        }
        throw InvalidInputException.of("cursor", "Not a cursor returned by this API.");
    }
}
