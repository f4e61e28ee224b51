package dev.delegatedadmin.adapters.web.http;

import dev.delegatedadmin.adapters.web.http.RequestIdFilter;
import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page, for what it refuses before the application sees the request (an undecodable or
 * escaping path, an oversized header): problem+json with a request id, like every other error, never HTML.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's valve: only errors nobody wrote a body for, and each once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        if (requestId == null || requestId.isBlank()) {
            requestId = UUID.randomUUID().toString();
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        ProblemType type = ProblemType.forStatus(status)
                .orElse(status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST);
        HttpStatus known = HttpStatus.resolve(status);
        String detail = status == 400
                ? "The request could not be read: its URL, a header or their encoding is not allowed."
                : known == null ? "The request failed." : known.getReasonPhrase() + ".";
        StringBuilder json = new StringBuilder(256)
                .append("{\"type\":").append(quote(type.uri().toString()))
                .append(",\"title\":").append(quote(type.title()))
                .append(",\"status\":").append(status)
                .append(",\"detail\":").append(quote(detail));
        String instance = instance(request);
        if (instance != null) {
            json.append(",\"instance\":").append(quote(instance));
        }
        json.append(",\"request_id\":").append(quote(requestId)).append('}');
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone, or the response cannot take a body: nothing more to do.
        }
    }

    private static @Nullable String instance(Request request) {
        try {
            String uri = request.getRequestURI();
            return uri == null || uri.isEmpty() ? null : ProblemInstance.encode(uri);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
