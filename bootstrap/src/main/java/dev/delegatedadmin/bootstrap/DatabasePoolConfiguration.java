package dev.delegatedadmin.bootstrap;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How long a request waits for a pooled connection (DATABASE_CONNECTION_TIMEOUT, default 5 s, Hikari's is 30 s):
 * when the database is away, callers get a 503 well before they give up. Applied to every Hikari pool, the
 * embedded database's included.
 */
@Configuration(proxyBeanMethods = false)
class DatabasePoolConfiguration {

    static final String CONNECTION_TIMEOUT = "delegated-admin.database.connection-timeout";
    // Hikari's floor for both timeouts.
    private static final long MINIMUM_MILLIS = 250;

    @Bean
    static BeanPostProcessor boundedConnectionWait(Environment environment) {
        Duration timeout = Binder.get(environment).bind(CONNECTION_TIMEOUT, Duration.class).orElse(Duration.ofSeconds(5));
        long millis = Math.max(MINIMUM_MILLIS, timeout.toMillis());
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    apply(pool, millis);
                }
                return bean;
            }
        };
    }

    private static void apply(HikariDataSource pool, long millis) {
        // A started pool's configuration is sealed: change it through its MX bean instead.
        HikariConfigMXBean settings = pool.isRunning() ? pool.getHikariConfigMXBean() : pool;
        // Validation must stay below the connection timeout, or Hikari resets it.
        settings.setValidationTimeout(Math.max(MINIMUM_MILLIS, Math.min(settings.getValidationTimeout(), millis / 2)));
        settings.setConnectionTimeout(millis);
    }
}
