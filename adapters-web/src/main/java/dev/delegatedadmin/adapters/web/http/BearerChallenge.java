package dev.delegatedadmin.adapters.web.http;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

/** The {@code WWW-Authenticate} value of a 401 (RFC 6750 section 3), as Spring's own entry point builds it. */
public final class BearerChallenge {

    private BearerChallenge() {
    }

    static String of(AuthenticationException ex) {
        if (!(ex instanceof OAuth2AuthenticationException oauth) || !(oauth.getError() instanceof BearerTokenError error)) {
            return "Bearer";
        }
        List<String> parameters = new ArrayList<>();
        parameters.add("error=\"" + quoted(error.getErrorCode()) + "\"");
        if (error.getDescription() != null) {
            parameters.add("error_description=\"" + quoted(error.getDescription()) + "\"");
        }
        if (error.getUri() != null) {
            parameters.add("error_uri=\"" + quoted(error.getUri()) + "\"");
        }
        if (error.getScope() != null) {
            parameters.add("scope=\"" + quoted(error.getScope()) + "\"");
        }
        return "Bearer " + String.join(", ", parameters);
    }

    /** Printable ASCII only: descriptions come from JWT libraries and end up in a header. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }

    private static String quoted(String value) {
        return printable(value).replace('"', '\'').replace('\\', '/');
    }
}
