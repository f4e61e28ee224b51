package dev.delegatedadmin.adapters.web.http;

import dev.delegatedadmin.adapters.web.audit.ExportLimiter;
import dev.delegatedadmin.adapters.web.http.RequestIdFilter;
import dev.delegatedadmin.adapters.web.http.RequestBodyLimitFilter.RequestBodyTooLargeException;
import dev.delegatedadmin.application.error.AuthenticationFailedException;
import dev.delegatedadmin.application.error.ConflictException;
import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.error.PolicyWeakeningException;
import dev.delegatedadmin.application.error.TooManyAttemptsException;
import dev.delegatedadmin.domain.shared.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become RFC 9457 problem details. Security failures reach it too: the
 * entry point, the access-denied handler and {@link ErrorBoundaryFilter} hand their exceptions to MVC's
 * exception resolvers. Details never quote request bodies (they may hold passwords) or internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String ABOUT_BLANK = "about:blank";
    // Tomcat's, when a query string is not valid UTF-8; named, so that this adapter does not need Tomcat to compile.
    private static final String TOMCAT_INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    // --- application and domain errors

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<Object> invalidValue(InvalidValueException ex, WebRequest request) {
        return invalidInput(ex, List.of(new FieldError(ex.field(), ex.getMessage())), request);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException ex, WebRequest request) {
        return invalidInput(ex, ex.errors(), request);
    }

    @ExceptionHandler(AuthenticationFailedException.class)
    ResponseEntity<Object> authenticationFailed(AuthenticationFailedException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problem(ex, ProblemType.UNAUTHORIZED, ex.getMessage(), headers, request, p -> { });
    }

    /** The login-events webhook: no bearer token is involved, so the challenge names the signature header. */
    @ExceptionHandler(InvalidSignatureException.class)
    ResponseEntity<Object> invalidSignature(InvalidSignatureException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Signature header=\"" + ex.header() + "\"");
        return problem(ex, ProblemType.UNAUTHORIZED, ex.getMessage(), headers, request, p -> { });
    }

    @ExceptionHandler(DeniedException.class)
    ResponseEntity<Object> denied(DeniedException ex, WebRequest request) {
        // The detail is the rule's message, verbatim: clients may show it to the administrator.
        return problem(ex, ProblemType.FORBIDDEN, ex.getMessage(), new HttpHeaders(), request,
                p -> p.setProperty("rule", ex.rule()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex, WebRequest request) {
        return problem(ex, ProblemType.NOT_FOUND, ex.getMessage(), new HttpHeaders(), request, p -> { });
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException ex, WebRequest request) {
        return problem(ex, ProblemType.CONFLICT, ex.getMessage(), new HttpHeaders(), request, p -> { });
    }

    @ExceptionHandler(PolicyWeakeningException.class)
    ResponseEntity<Object> weakening(PolicyWeakeningException ex, WebRequest request) {
        return problem(ex, ProblemType.CONFLICT, ex.getMessage(), new HttpHeaders(), request,
                p -> p.setProperty("weakens", ex.weakens()));
    }

    /**
     * A brute-force block or the address's limit (429), or too many password checks at once (503): when to try
     * again, never why (the account may not exist). Not logged: a flood would fill the log.
     */
    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<Object> tooManyAttempts(TooManyAttemptsException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds(ex.retryAfter()))));
        ProblemType type = ex.busy() ? ProblemType.SERVICE_UNAVAILABLE : ProblemType.TOO_MANY_REQUESTS;
        return problem(ex, type, ex.getMessage(), headers, request, p -> { });
    }

    @ExceptionHandler(IdentityProviderException.class)
    ResponseEntity<Object> identityProvider(IdentityProviderException ex, WebRequest request) {
        if (DatabaseFailure.in(ex)) {
            return databaseUnavailable(ex, request); // the local IdP is the database
        }
        log.warn("Identity provider failure: {}", ex.getMessage(), ex.getCause());
        HttpHeaders headers = new HttpHeaders();
        ex.retryAfter().ifPresent(delay -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(delay))));
        ProblemType type = ex.unavailable() ? ProblemType.SERVICE_UNAVAILABLE : ProblemType.IDENTITY_PROVIDER_ERROR;
        return problem(ex, type, ex.getMessage(), headers, request, p -> { });
    }

    // --- security and edge errors

    /** Key lookup failed while verifying a token: not the caller's fault, so not a 401. */
    @ExceptionHandler(AuthenticationServiceException.class)
    ResponseEntity<Object> authenticationService(AuthenticationServiceException ex, WebRequest request) {
        if (DatabaseFailure.in(ex)) {
            return databaseUnavailable(ex, request);
        }
        log.error("Bearer token verification failed", ex);
        return problem(ex, ProblemType.SERVICE_UNAVAILABLE, "Bearer tokens cannot be verified right now; try again later.",
                new HttpHeaders(), request, p -> { });
    }

    /** The one mapping of a database failure, wherever it was thrown: a dependency is down, not the caller's fault. */
    private ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
        // One line, no stack trace: an outage would otherwise flood the log with one trace per request.
        log.warn("Database unavailable: {}", rootMessage(ex));
        return problem(ex, ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable; try again later.",
                new HttpHeaders(), request, p -> { });
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        String detail = "A bearer token is required.";
        if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError error) {
            status = error.getHttpStatus();
            detail = error.getDescription() == null ? "The bearer token is not valid." : error.getDescription();
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.of(ex));
        ProblemType type = ProblemType.forStatus(status.value()).orElse(ProblemType.UNAUTHORIZED);
        return problem(ex, type, BearerChallenge.printable(detail), headers, request, p -> { });
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
        return problem(ex, ProblemType.FORBIDDEN, "Access to this resource is denied.", new HttpHeaders(), request, p -> { });
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> requestRejected(RequestRejectedException ex, WebRequest request) {
        return problem(ex, ProblemType.MALFORMED_REQUEST,
                "The request URL contains a character sequence that is not allowed (such as an encoded slash or percent).",
                new HttpHeaders(), request, p -> { });
    }

    /** Any multipart/* body: none of our endpoints takes one, and a broken one must not read as our fault. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException ex, WebRequest request) {
        return problem(ex, ProblemType.MALFORMED_REQUEST, "The multipart request body cannot be read.", new HttpHeaders(),
                request, p -> { });
    }

    @ExceptionHandler(ExportLimiter.BusyException.class)
    ResponseEntity<Object> exportsBusy(ExportLimiter.BusyException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(ex.retryAfter())));
        return problem(ex, ProblemType.TOO_MANY_REQUESTS, ex.getMessage(), headers, request, p -> { });
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestBodyTooLargeException ex, WebRequest request) {
        return problem(ex, ProblemType.PAYLOAD_TOO_LARGE, ex.getMessage(), new HttpHeaders(), request, p -> { });
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (causeNamed(ex, TOMCAT_INVALID_PARAMETER)) {
            return problem(ex, ProblemType.MALFORMED_REQUEST,
                    "The query string or form cannot be read (it is not valid percent-encoded UTF-8).", new HttpHeaders(), request,
                    p -> { });
        }
        if (DatabaseFailure.refusedValue(ex)) {
            log.warn("The database refused a value that passed validation: {}", rootMessage(ex));
            return problem(ex, ProblemType.MALFORMED_REQUEST, "A value in the request cannot be stored.",
                    new HttpHeaders(), request, p -> { });
        }
        if (DatabaseFailure.in(ex)) {
            return databaseUnavailable(ex, request);
        }
        log.error("Unexpected error", ex);
        return problem(ex, ProblemType.INTERNAL_ERROR, "An unexpected error occurred. Quote the request id when reporting it.",
                new HttpHeaders(), request, p -> { });
    }

    // --- Spring MVC's own exceptions

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = cause(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge, request);
        }
        DatabindException binding = cause(ex, DatabindException.class);
        if (binding != null && !binding.getPath().isEmpty()) {
            String message = binding instanceof UnrecognizedPropertyException ? "Unknown field." : "Wrong type or value.";
            return invalidInput(ex, List.of(new FieldError(path(binding.getPath()), message)), request);
        }
        JacksonException json = cause(ex, JacksonException.class);
        String detail = json == null ? "The request body is missing or unreadable."
                : binding != null && String.valueOf(binding.getOriginalMessage()).startsWith("Duplicate")
                ? "The request body repeats a field" + location(json.getLocation()) + "."
                : "The request body is not valid JSON" + location(json.getLocation()) + ".";
        return problem(ex, ProblemType.MALFORMED_REQUEST, detail, headers, request, p -> { });
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String message = type == null ? "Not a valid value."
                : type == int.class || type == long.class || type == Integer.class || type == Long.class ? "Must be an integer."
                : type == boolean.class || type == Boolean.class ? "Must be true or false."
                : "Not a valid value.";
        return invalidInput(ex, List.of(new FieldError(name == null ? "?" : name, message)), request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidInput(ex, List.of(new FieldError(ex.getParameterName(), "Required.")), request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ex, ProblemType.NOT_FOUND, "There is no resource at this path.", headers, request, p -> { });
    }

    /** Every problem, Spring's included, passes here: fill in our type, title and the request id. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
        boolean fromSpring = problem.getType() == null || ABOUT_BLANK.equals(problem.getType().toString());
        if (fromSpring) {
            if (statusCode.is5xxServerError()) {
                log.error("Request failed with status {}: {}", statusCode.value(), problem.getDetail());
            }
            ProblemType.forStatus(statusCode.value()).ifPresent(type -> {
                problem.setType(type.uri());
                problem.setTitle(type.title());
            });
        }
        if (problem.getDetail() == null) {
            HttpStatus known = HttpStatus.resolve(statusCode.value());
            problem.setDetail(known == null ? "The request failed." : known.getReasonPhrase() + ".");
        }
        HttpServletRequest servletRequest = servletRequest(request);
        if (problem.getInstance() == null && servletRequest != null) {
            problem.setInstance(ProblemInstance.of(servletRequest));
        }
        problem.setProperty("request_id", servletRequest == null ? "unknown" : RequestIdFilter.requestId(servletRequest));
        HttpHeaders problemHeaders = HttpHeaders.copyOf(headers);
        if (statusCode.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && !problemHeaders.containsHeader(HttpHeaders.RETRY_AFTER)) {
            // Every 503 says when to come back, whatever raised it.
            problemHeaders.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(DEFAULT_RETRY_AFTER)));
        }
        // Preset, so that an Accept header asking for something else cannot turn the error into a 406.
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, problemHeaders, statusCode);
    }

    // --- helpers

    private @Nullable ResponseEntity<Object> invalidInput(Exception ex, List<FieldError> errors, WebRequest request) {
        String detail = errors.isEmpty() ? "The request is invalid." : errors.getFirst().message();
        return problem(ex, ProblemType.INVALID_INPUT, detail, new HttpHeaders(), request,
                p -> p.setProperty("errors", errors));
    }

    private @Nullable ResponseEntity<Object> problem(Exception ex, ProblemType type, String detail, HttpHeaders headers,
            WebRequest request, Consumer<ProblemDetail> extra) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        extra.accept(problem);
        return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(type.status()), request);
    }

    private static @Nullable HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class)
                : null;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Whole seconds, rounded up: {@code Retry-After} has no fractions. */
    private static long seconds(Duration delay) {
        long millis = Math.max(0, delay.toMillis());
        return (millis + 999) / 1000;
    }

    private static boolean causeNamed(Throwable ex, String className) {
        for (Throwable current = ex; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
        for (Throwable current = ex; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /** A JSON path like {@code user_metadata.a[2]}, as {@link FieldError} expects. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static String location(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
