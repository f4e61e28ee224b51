package dev.delegatedadmin.adapters.web.http;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page controller, so that errors the container forwards to the error path
 * (e.g. a {@code sendError} from a filter) are problem+json as well. It re-throws, and the advice maps.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${spring.web.error.path:/error}")
    void error(HttpServletRequest request) throws Exception {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Exception exception) {
            throw unwrap(exception);
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code
                : 500;
        throw new ErrorResponseException(HttpStatusCode.valueOf(status));
    }

    /** The servlet API wraps the real cause in a plain ServletException; the advice maps the cause. */
    static Exception unwrap(Exception e) {
        Exception current = e;
        while (current.getClass() == ServletException.class && current.getCause() instanceof Exception cause) {
            current = cause;
        }
        return current;
    }
}
