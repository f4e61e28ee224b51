package dev.delegatedadmin.domain.policy.document;

import java.util.Objects;

/** One problem in a policy document or in a write against its user fields; {@code path} is a JSON path. */
public record PolicyError(String path, String message) {

    public PolicyError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
