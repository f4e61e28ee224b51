package dev.delegatedadmin.adapters.web.http;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a database failure in whatever wraps it: JDBC's and Hikari's {@code SQLException}s, jOOQ's and
 * Spring's {@code DataAccessException}, Spring's {@code TransactionException}. Matched by name, so that this
 * adapter needs neither jOOQ nor spring-tx; every one of them is answered 503 with {@code Retry-After}.
 */
public final class DatabaseFailure {

    private static final Set<String> WRAPPERS = Set.of(
            "org.jooq.exception.DataAccessException",
            "org.springframework.dao.DataAccessException",
            "org.springframework.transaction.TransactionException");

    private DatabaseFailure() {
    }

    /**
     * PostgreSQL refused a value (SQLSTATE class 22: NUL in text, a timestamp out of range, …): input that got
     * past validation, so a 400 rather than a 503 that would invite the client to send it again.
     */
    static boolean refusedValue(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    static boolean in(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLException) {
                return true;
            }
            for (Class<?> type = t.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                if (WRAPPERS.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
