package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.error.StartupSettingException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * A start that fails on a setting prints Spring Boot's "APPLICATION FAILED TO START" paragraph (Description,
 * Action) instead of a stack trace. Registered in META-INF/spring.factories; ahead of Boot's own analyzers.
 */
final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {
    }

    /** Every {@link StartupSettingException}: the setting's problem and what to do. */
    static final class Setting extends AbstractFailureAnalyzer<StartupSettingException> implements Ordered {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, StartupSettingException cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /**
     * DATABASE_URL set, and PostgreSQL cannot be reached or refuses the login (SQLState classes 08 and 28). The
     * message is the driver's (host and port, never the password).
     */
    static final class UnreachableDatabase extends AbstractFailureAnalyzer<SQLException> implements Ordered {

        private final Environment environment;

        UnreachableDatabase(Environment environment) {
            this.environment = environment;
        }

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
            String url = environment.getProperty("spring.datasource.url");
            String state = cause.getSQLState();
            if (!StringUtils.hasText(url) || state == null || !(state.startsWith("08") || state.startsWith("28"))) {
                return null;
            }
            return new FailureAnalysis("The database at DATABASE_URL " + withoutQuery(url) + " cannot be used: "
                    + cause.getMessage(),
                    "Check that PostgreSQL runs there and accepts connections from this host, and check DATABASE_URL,"
                            + " DATABASE_USER and DATABASE_PASSWORD; or unset DATABASE_URL to use the embedded PostgreSQL"
                            + " in DATA_DIR.", cause);
        }

        // A JDBC URL's query may carry a password (?password=…).
        private static String withoutQuery(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
