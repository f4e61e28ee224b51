package dev.delegatedadmin.adapters.web.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** The {@code type} and {@code title} of each kind of problem this API reports (RFC 9457). */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    INVALID_INPUT(400, "invalid-input", "Invalid input"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    IDENTITY_PROVIDER_ERROR(502, "identity-provider-error", "Identity provider error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

    static final String BASE = "https://delegatedadmin.dev/problems/";

    private final int status;
    private final URI uri;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.uri = URI.create(BASE + slug);
        this.title = title;
    }

    int status() {
        return status;
    }

    URI uri() {
        return uri;
    }

    String title() {
        return title;
    }

    /** The default type for a status that Spring reported without one (first declared wins). */
    static Optional<ProblemType> forStatus(int status) {
        return Arrays.stream(values()).filter(t -> t.status == status).findFirst();
    }
}
