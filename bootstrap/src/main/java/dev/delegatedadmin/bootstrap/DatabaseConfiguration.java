package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.embedded.EmbeddedPostgresDataSourceFactory;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Without DATABASE_URL the service embeds PostgreSQL in DATA_DIR (data survives restarts); with it,
 * Spring Boot's own DataSource points at that database and nothing is embedded.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseConfiguration.NoExternalDatabase.class)
class DatabaseConfiguration {

    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("DATABASE_URL"));
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgresDataSourceFactory embeddedPostgres(@Value("${delegated-admin.data-dir}") String dataDir)
            throws java.io.IOException {
        return EmbeddedPostgresDataSourceFactory.start(Path.of(dataDir));
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresDataSourceFactory embeddedPostgres) {
        return embeddedPostgres.dataSource();
    }
}
