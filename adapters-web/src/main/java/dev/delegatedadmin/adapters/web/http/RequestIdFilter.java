package dev.delegatedadmin.adapters.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id of the service's own (a new UUID): it goes back in {@code X-Request-Id}, into the MDC
 * for log lines, and to the use cases for the audit trail. A caller's {@code X-Request-Id}, when safe to log and
 * store, is kept apart as the client request id (audit rows' {@code client_request_id}, the MDC's
 * {@code client_request_id}, echoed in {@code X-Client-Request-Id}): a client cannot choose the id of its audit row.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String CLIENT_HEADER = "X-Client-Request-Id";
    static final String MDC_KEY = "request_id";
    static final String CLIENT_MDC_KEY = "client_request_id";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final String CLIENT_ATTRIBUTE = RequestIdFilter.class.getName() + ".clientRequestId";
    // Restrictive on purpose: the id ends up in log lines and audit rows.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        Optional<String> client = accepted(request.getHeader(HEADER));
        client.ifPresent(id -> {
            request.setAttribute(CLIENT_ATTRIBUTE, id);
            response.setHeader(CLIENT_HEADER, id);
            MDC.put(CLIENT_MDC_KEY, id);
        });
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(CLIENT_MDC_KEY);
        }
    }

    /** The request's id; one is made up if the filter did not run (it always does when registered). */
    public static String requestId(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** The {@code X-Request-Id} the client sent, if it was acceptable. */
    public static Optional<String> clientRequestId(HttpServletRequest request) {
        return request.getAttribute(CLIENT_ATTRIBUTE) instanceof String id ? Optional.of(id) : Optional.empty();
    }

    private static Optional<String> accepted(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }
}
