package dev.delegatedadmin.adapters.web.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A problem's {@code instance}: the path the client asked for, percent-encoded where it is not a legal URI
 * path. Spring would build it with {@code URI.create} of the raw path, which throws on the raw {@code |} that
 * curl sends in Auth0 ids and turned every such error into a 500.
 */
public final class ProblemInstance {

    private static final String HEX = "0123456789ABCDEF";

    private ProblemInstance() {
    }

    /** The original request's path, also when the container forwarded the request to the error path. */
    static URI of(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = forwarded instanceof String original ? original : request.getRequestURI();
        return URI.create(encode(path == null || path.isEmpty() ? "/" : path));
    }

    static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (legal(c) || c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2))) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))
                    ? i + 2 : i + 1;
            // An unpaired surrogate encodes as '?' (UTF-8 has no form for it), which is then encoded too.
            for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
            }
            i = end - 1;
        }
        return out.toString();
    }

    /** RFC 3986 pchar and '/', minus '%' (handled apart). */
    private static boolean legal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
