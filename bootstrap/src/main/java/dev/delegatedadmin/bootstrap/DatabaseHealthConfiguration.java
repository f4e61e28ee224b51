package dev.delegatedadmin.bootstrap;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The "db" health contributor, in place of Spring Boot's (same bean name), part of the readiness group. */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

    @Bean(destroyMethod = "close")
    CachedDatabaseHealth dbHealthIndicator(DataSource dataSource,
            @Value("${delegated-admin.database.health-interval:1s}") Duration interval,
            @Value("${delegated-admin.database.health-patience:2s}") Duration patience) {
        return new CachedDatabaseHealth(dataSource, interval, patience);
    }
}
