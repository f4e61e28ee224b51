package dev.delegatedadmin.adapters.web;

import dev.delegatedadmin.adapters.web.audit.ExportLimiter;
import dev.delegatedadmin.adapters.web.http.ErrorBoundaryFilter;
import dev.delegatedadmin.adapters.web.http.ProblemErrorReportValve;
import dev.delegatedadmin.adapters.web.http.CallerArgumentResolver;
import dev.delegatedadmin.adapters.web.http.RequestBodyLimitFilter;
import dev.delegatedadmin.adapters.web.http.RequestIdFilter;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;

/**
 * The REST adapter: controllers, bearer-token security, RFC 9457 errors. The bootstrap module imports this
 * class and provides the use case beans and the {@code JwtDecoder}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = WebAdapterConfiguration.class)
@OpenAPIDefinition(info = @Info(title = "Delegated Admin API", version = "v1"),
        security = @SecurityRequirement(name = WebAdapterConfiguration.BEARER_SCHEME))
@SecurityScheme(name = WebAdapterConfiguration.BEARER_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class WebAdapterConfiguration implements WebMvcConfigurer {

    public static final String BEARER_SCHEME = "bearer";

    // All three run before Spring Security's filter chain (order -100), so a 401 carries a request id too.
    private static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    private static final int ERROR_BOUNDARY_ORDER = REQUEST_ID_ORDER + 1;
    private static final int BODY_LIMIT_ORDER = REQUEST_ID_ORDER + 2;

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    /**
     * Request bodies are read as trees; a duplicated key would silently keep the last value, and another parser
     * in front of us might keep the first. Everything else is set on the DTOs, so the shared mapper stays as is.
     */
    @Bean
    JsonMapperBuilderCustomizer refuseDuplicateKeys() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /**
     * The OpenAPI document's {@code servers[].url}: PUBLIC_URL, default relative ({@code /}). Springdoc would
     * build it from the request's Host header, which any caller chooses (and a cache could keep).
     */
    @Bean
    ServerBaseUrlCustomizer publicServerUrl(@Value("${delegated-admin.public-url:/}") String publicUrl) {
        String url = publicUrl.isBlank() ? "/" : publicUrl.strip();
        return (fromRequest, request) -> url;
    }

    /**
     * {@code delegated-admin.audit.export.*}: audit exports running at once, in all and per caller; beyond, 429.
     * Each holds a database connection: keep {@code max-concurrent} well below the pool size.
     */
    @Bean
    ExportLimiter auditExportLimiter(@Value("${delegated-admin.audit.export.max-concurrent:4}") int maxConcurrent,
                                     @Value("${delegated-admin.audit.export.max-per-caller:2}") int maxPerCaller) {
        return new ExportLimiter(maxConcurrent, maxPerCaller);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ErrorBoundaryFilter> errorBoundaryFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        FilterRegistrationBean<ErrorBoundaryFilter> registration = new FilterRegistrationBean<>(new ErrorBoundaryFilter(resolver));
        registration.setOrder(ERROR_BOUNDARY_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${delegated-admin.web.max-request-body-size:64KB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodySize.toBytes()));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    /** Auth0 ids contain {@code |}; Tomcat rejects it unencoded unless told otherwise (curl sends it raw). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    static class TomcatConfiguration {

        @Bean
        WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> pipeInUrls() {
            return factory -> factory.addConnectorCustomizers(connector -> {
                connector.setProperty("relaxedPathChars", withPipe(connector.getProperty("relaxedPathChars")));
                connector.setProperty("relaxedQueryChars", withPipe(connector.getProperty("relaxedQueryChars")));
            });
        }

        /**
         * Tomcat's error report valve on the host answers what never reaches the application; ours writes
         * problem+json instead of HTML. It replaces the one Spring Boot adds (customizers run in order, ours last).
         */
        @Bean
        WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> problemErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                org.apache.catalina.Container host = context.getParent();
                org.apache.catalina.Pipeline pipeline = host.getPipeline();
                for (org.apache.catalina.Valve valve : pipeline.getValves()) {
                    if (valve instanceof org.apache.catalina.valves.ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
                if (host instanceof org.apache.catalina.core.StandardHost standardHost) {
                    // So that the host does not add its default valve beside ours when it starts.
                    standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }

        private static String withPipe(Object configured) {
            String chars = configured == null ? "" : configured.toString();
            return chars.contains("|") ? chars : chars + "|";
        }
    }
}
