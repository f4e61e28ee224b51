package dev.delegatedadmin.adapters.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A problem's {@code instance}: the request path as a URI. Spring builds it with {@code URI.create} of the raw path,
 * which throws on the unencoded {@code |} that Auth0 ids bring (curl and browsers send it raw), turning every error
 * on such a path into a 500; characters a URI path cannot hold are percent-encoded here instead.
 */
final class ProblemInstance {

    private static final String PATH_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ProblemInstance() {
    }

    static URI of(String rawPath) {
        StringBuilder path = new StringBuilder(rawPath.length() + 8);
        int i = 0;
        while (i < rawPath.length()) {
            int c = rawPath.codePointAt(i);
            if (c < 0x80 && PATH_CHARS.indexOf(c) >= 0 || c == '%' && isEscape(rawPath, i)) {
                path.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    path.append('%').append(HEX.toHexDigits(b));
                }
            }
            i += Character.charCount(c);
        }
        return URI.create(path.toString());
    }

    /** An existing escape such as {@code %7C} stays as it is; a stray {@code %} is encoded. */
    private static boolean isEscape(String path, int at) {
        return at + 2 < path.length()
                && HexFormat.isHexDigit(path.charAt(at + 1)) && HexFormat.isHexDigit(path.charAt(at + 2));
    }
}
