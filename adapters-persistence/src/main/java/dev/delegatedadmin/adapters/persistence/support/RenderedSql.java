package dev.delegatedadmin.adapters.persistence.support;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * A hot statement, written with jOOQ against the generated schema (a renamed column fails to compile), rendered
 * once at start and then run through JDBC with its bind values. Rendering the same query again on every call was
 * about a tenth of an update's CPU (JFR); jOOQ's manual suggests exactly this for statements that never change.
 * Runs on whatever connection the DSLContext hands out: outside a transaction, a write commits on its own.
 */
public final class RenderedSql {

    private final String sql;
    private final int parameters;

    public RenderedSql(DSLContext dsl, Query query) {
        this.sql = dsl.render(query);
        this.parameters = query.getBindValues().size();
    }

    /** A placeholder for a bind value of {@code field}'s type, to write the query with. */
    public static <T> Param<T> parameter(Field<T> field) {
        return DSL.param(field.getName(), field.getDataType());
    }

    String sql() {
        return sql;
    }

    public interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Binds {@code values} in the order of the query's placeholders, then hands the statement to {@code body}. */
    public <T> T execute(DSLContext dsl, List<?> values, Statement<T> body) {
        if (values.size() != parameters) {
            throw new IllegalArgumentException(parameters + " values expected, not " + values.size());
        }
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters; i++) {
                    Object value = values.get(i);
                    // The rendered SQL casts JSON(B) placeholders; the driver binds their text.
                    statement.setObject(i + 1, value instanceof JSONB json ? json.data() : value);
                }
                return body.run(statement);
            }
        });
    }
}
