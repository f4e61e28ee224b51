package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.audit.AuditSealBacklog;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Actuator lives on its own port ({@code MANAGEMENT_PORT}, default 9090, bound to {@code MANAGEMENT_ADDRESS}, default
 * 127.0.0.1): health, info and prometheus, open there, because only who can reach that address can use them. The
 * service port keeps {@code /actuator/health} and its liveness and readiness groups for load balancers and
 * orchestrators, status only (no component details), read from the same health endpoint; nothing else of actuator
 * is served there.
 */
@Configuration(proxyBeanMethods = false)
class ManagementConfiguration {

    /** The management server's requests only (the matcher ignores the service port's context when ports differ). */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain managementFilterChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }

    /** Health on the service port, status only: 200 when UP, 503 when DOWN or OUT_OF_SERVICE (Boot's mapping). */
    @Bean
    @Conditional(ManagementOnItsOwnPort.class)
    RouterFunction<ServerResponse> serviceHealthRoutes(HealthEndpoint health) {
        return RouterFunctions.route()
                .GET("/actuator/health", request -> status(health.health()))
                .GET("/actuator/health/{group}", request -> {
                    String group = request.pathVariable("group");
                    return "liveness".equals(group) || "readiness".equals(group)
                            ? status(health.healthForPath(group))
                            : ServerResponse.notFound().build();
                })
                .build();
    }

    /** Boot binds every {@link MeterBinder} bean to the registry. */
    @Bean
    MeterBinder auditSealingGauges(AuditSealBacklog backlog) {
        return registry -> ProductMetrics.gaugeSealingBacklog(backlog, registry);
    }

    private static ServerResponse status(HealthDescriptor descriptor) {
        if (descriptor == null) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.status(HttpCodeStatusMapper.DEFAULT.getStatusCode(descriptor.getStatus()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", descriptor.getStatus().getCode()));
    }

    /** Also when actuator's HTTP is off ({@code MANAGEMENT_PORT=-1}); not when it shares the service port. */
    static final class ManagementOnItsOwnPort implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return ManagementPortType.get(context.getEnvironment()) != ManagementPortType.SAME;
        }
    }
}
