package dev.delegatedadmin.adapters.persistence.support;

import dev.delegatedadmin.application.error.IdentityProviderException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads PostgreSQL errors out of whatever wraps them: jOOQ's {@code DataAccessException} when a DSLContext is used
 * on its own, Spring's {@code DataAccessException} when Spring Boot's exception translator is installed.
 */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    public static Optional<SQLException> sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** True when the failure is a unique violation of exactly this constraint (or unique index). */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        return isViolation(failure, UNIQUE_VIOLATION, constraint);
    }

    /** True when the failure is a foreign-key violation of exactly this constraint. */
    public static boolean isForeignKeyViolation(Throwable failure, String constraint) {
        return isViolation(failure, FOREIGN_KEY_VIOLATION, constraint);
    }

    private static boolean isViolation(Throwable failure, String sqlState, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException psql && sqlState.equals(psql.getSQLState())) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                return message != null && constraint.equals(message.getConstraint());
            }
        }
        return false;
    }

    /** Connection failures, resource shortage, shutdown: trying again later may work. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException
                || state == null // e.g. the pool itself could not hand out a connection
                || state.startsWith("08") // connection exception
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57P") // admin / crash shutdown, cannot connect now
                || state.equals("40001") || state.equals("40P01"); // serialization failure, deadlock
    }

    /** A database failure as the IdP failing: 503 when it may pass, 502 otherwise; {@code message} holds no SQL. */
    public static RuntimeException asIdentityProviderFailure(RuntimeException e, String message) {
        return sqlException(e)
                .<RuntimeException>map(sql -> new IdentityProviderException(message, isTransient(sql), Optional.empty(), e))
                .orElse(e);
    }
}
