package dev.delegatedadmin.adapters.web.http;

import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.domain.actor.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers declare a {@link Caller} (the authenticated {@link Actor} plus the request id) or just a
 * {@link RequestId}. The actor is the principal that the bearer-token authentication put in the context.
 */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == Caller.class || type == RequestId.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        String requestId = RequestIdFilter.requestId(request);
        if (parameter.getParameterType() == RequestId.class) {
            return new RequestId(requestId);
        }
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return new Caller(actor, Optional.of(requestId), RequestIdFilter.clientRequestId(request));
        }
        // Only reachable if a public endpoint asks for a caller: a configuration mistake, answered as a 401.
        throw new AuthenticationCredentialsNotFoundException("A bearer token is required.");
    }
}
