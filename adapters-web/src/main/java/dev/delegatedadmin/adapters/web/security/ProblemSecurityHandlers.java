package dev.delegatedadmin.adapters.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security's failures (401, 403, a rejected URL) go to MVC's exception resolvers, so that the one
 * advice that maps every error also writes these, as problem+json with a request id.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final HandlerExceptionResolver resolver;

    ProblemSecurityHandlers(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        resolve(request, response, exception);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException, ServletException {
        resolve(request, response, exception);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
            throws IOException, ServletException {
        resolve(request, response, exception);
    }

    private void resolve(HttpServletRequest request, HttpServletResponse response, Exception exception)
            throws IOException, ServletException {
        if (resolver.resolveException(request, response, null, exception) == null) {
            // Not expected: the advice handles every exception. Fail closed with a bare status.
            response.sendError(exception instanceof AuthenticationException ? 401 : exception instanceof AccessDeniedException ? 403 : 400);
        }
    }
}
