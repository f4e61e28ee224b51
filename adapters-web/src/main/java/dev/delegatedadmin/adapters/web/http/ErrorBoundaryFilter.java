package dev.delegatedadmin.adapters.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Exceptions that escape other filters (e.g. the IdP failing while a token's actor is resolved) get the same
 * problem+json mapping as those thrown by controllers: they are handed to MVC's exception resolvers, which
 * end in {@link ProblemDetailsAdvice}. Without this they would reach the container's error page.
 */
public final class ErrorBoundaryFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ErrorBoundaryFilter.class);

    private final HandlerExceptionResolver resolver;

    public ErrorBoundaryFilter(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted() || !resolve(request, response, ProblemErrorController.unwrap(e))) {
                throw e;
            }
        }
    }

    private boolean resolve(HttpServletRequest request, HttpServletResponse response, Exception exception) {
        try {
            response.resetBuffer();
            return resolver.resolveException(request, response, null, exception) != null;
        } catch (RuntimeException mappingFailure) {
            log.error("Could not map an exception to a problem response", mappingFailure);
            return false;
        }
    }
}
