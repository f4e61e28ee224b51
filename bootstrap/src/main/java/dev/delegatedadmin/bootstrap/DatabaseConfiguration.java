package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.audit.AuditMaintenanceDatabase;
import dev.delegatedadmin.adapters.persistence.embedded.EmbeddedPostgresDataSourceFactory;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Without DATABASE_URL the service embeds PostgreSQL in DATA_DIR (data survives restarts); with it,
 * Spring Boot's own DataSource points at that database and nothing is embedded. Either way the service runs as
 * the runtime role and Flyway as the migration role: embedded, the two roles the embedded server sets up; external,
 * DATABASE_USER and DATABASE_MIGRATION_USER (the same role when the latter is unset).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String MIGRATION_USER = "delegated-admin.database.migration-user";
    static final String MAINTENANCE_USER = "delegated-admin.database.maintenance-user";

    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("DATABASE_URL"));
        }
    }

    static final class ExternalDatabaseWithMigrationUser implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new NoExternalDatabase().matches(context, metadata)
                    && StringUtils.hasText(context.getEnvironment().getProperty(MIGRATION_USER));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoExternalDatabase.class)
    static class EmbeddedConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedPostgresDataSourceFactory embeddedPostgres(@Value("${delegated-admin.data-dir}") String dataDir)
                throws java.io.IOException {
            return EmbeddedPostgresDataSourceFactory.start(Path.of(dataDir));
        }

        @Bean
        DataSource dataSource(EmbeddedPostgresDataSourceFactory embeddedPostgres) {
            return embeddedPostgres.dataSource();
        }

        @Bean
        AuditMaintenanceDatabase auditMaintenanceDatabase(EmbeddedPostgresDataSourceFactory embeddedPostgres) {
            return new AuditMaintenanceDatabase(embeddedPostgres.maintenanceDataSource());
        }

        @Bean
        FlywayConfigurationCustomizer embeddedMigrationRole(EmbeddedPostgresDataSourceFactory embeddedPostgres) {
            return configuration -> configuration.dataSource(embeddedPostgres.migrationDataSource());
        }
    }

    static final class ExternalDatabaseWithMaintenanceUser implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new NoExternalDatabase().matches(context, metadata)
                    && StringUtils.hasText(context.getEnvironment().getProperty(MAINTENANCE_USER));
        }
    }

    /** Retention's connections as DATABASE_MAINTENANCE_USER (unpooled: it runs once an hour). */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ExternalDatabaseWithMaintenanceUser.class)
    static class ExternalMaintenanceRoleConfiguration {

        @Bean
        AuditMaintenanceDatabase auditMaintenanceDatabase(@Value("${spring.datasource.url}") String url,
                                                          @Value("${" + MAINTENANCE_USER + "}") String user,
                                                          @Value("${delegated-admin.database.maintenance-password:}") String password) {
            return new AuditMaintenanceDatabase(new org.springframework.jdbc.datasource.DriverManagerDataSource(url, user,
                    password));
        }
    }

    /** Flyway's own connections as the migration role; the service's pool stays on DATABASE_USER. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ExternalDatabaseWithMigrationUser.class)
    static class ExternalMigrationRoleConfiguration {

        @Bean
        FlywayConfigurationCustomizer externalMigrationRole(@Value("${spring.datasource.url}") String url,
                                                            @Value("${" + MIGRATION_USER + "}") String user,
                                                            @Value("${delegated-admin.database.migration-password:}") String password) {
            return configuration -> configuration.dataSource(url, user, password);
        }
    }
}
