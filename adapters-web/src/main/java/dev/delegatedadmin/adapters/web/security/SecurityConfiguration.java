package dev.delegatedadmin.adapters.web.security;

import dev.delegatedadmin.application.port.in.ResolveActorUseCase;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A stateless bearer-token resource server. The {@code JwtDecoder} comes from bootstrap (local IdP or Auth0).
 * Authorization here is only "authenticated or not": roles and scope are checked by the use cases.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** Reachable without a token. A stale token sent along is ignored rather than answered with 401. */
    static final RequestMatcher PUBLIC = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/session"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/login-events"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/.well-known/jwks.json"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/actuator/health"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/actuator/health/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/v3/api-docs"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/v3/api-docs.yaml"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/v3/api-docs/**"));

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ResolveActorUseCase actors,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
        http
                .csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: nothing to forge
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        // The container's error dispatch renders an error that was already decided.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/api/v1/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerTokenResolver())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ActorAuthenticationConverter(actors)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** Picked up by Spring Security's filter chain proxy: a URL the firewall rejects is a 400 problem too. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
        return problems::handle;
    }

    /** The Authorization header only (never a query parameter: URLs end up in logs), and not on public paths. */
    private static BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return request -> PUBLIC.matches(request) ? null : header.resolve(request);
    }
}
