package dev.delegatedadmin.adapters.web.http;

/** The current request's id, as a controller parameter (see {@link CallerArgumentResolver}). */
public record RequestId(String value) {
}
