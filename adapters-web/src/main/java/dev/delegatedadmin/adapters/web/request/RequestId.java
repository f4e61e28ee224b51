package dev.delegatedadmin.adapters.web;

/** The current request's id, as a controller parameter (see {@link CallerArgumentResolver}). */
record RequestId(String value) {
}
