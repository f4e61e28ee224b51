package dev.delegatedadmin.bootstrap;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** A shutdown that tells kept-alive clients to reconnect elsewhere before the web server stops ({@link ShutdownDrain}). */
@Configuration(proxyBeanMethods = false)
class ShutdownConfiguration {

    @Bean
    ShutdownDrain shutdownDrain(@Value("${delegated-admin.shutdown.drain:1s}") Duration drain) {
        return new ShutdownDrain(drain);
    }

    @Bean
    FilterRegistrationBean<ShutdownDrain> shutdownDrainFilter(ShutdownDrain shutdownDrain) {
        FilterRegistrationBean<ShutdownDrain> registration = new FilterRegistrationBean<>(shutdownDrain);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
