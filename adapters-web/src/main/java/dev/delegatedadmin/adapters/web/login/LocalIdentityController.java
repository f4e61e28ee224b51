package dev.delegatedadmin.adapters.web.login;

import dev.delegatedadmin.adapters.web.WebAdapterConfiguration;
import dev.delegatedadmin.adapters.web.http.JsonBody;
import dev.delegatedadmin.adapters.web.http.RequestId;
import dev.delegatedadmin.adapters.web.http.RequestIdFilter;
import dev.delegatedadmin.adapters.web.http.DomainValues;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.LocalTokensUseCase;
import dev.delegatedadmin.application.port.in.LogInUseCase;
import dev.delegatedadmin.application.port.in.LogInUseCase.SessionToken;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase.SigningKey;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The local IdP's door: log in for a token, the keys that verify it, and logout. With Auth0 there is no
 * {@link LogInUseCase} or {@link PublishSigningKeysUseCase} bean, and these endpoints answer 404.
 */
@RestController
@SecurityRequirements // public
public class LocalIdentityController {

    private final ObjectProvider<LogInUseCase> logIn;
    private final ObjectProvider<PublishSigningKeysUseCase> signingKeys;
    private final ObjectProvider<LocalTokensUseCase> tokens;

    LocalIdentityController(ObjectProvider<LogInUseCase> logIn, ObjectProvider<PublishSigningKeysUseCase> signingKeys,
                            ObjectProvider<LocalTokensUseCase> tokens) {
        this.logIn = logIn;
        this.signingKeys = signingKeys;
        this.tokens = tokens;
    }

    /**
     * Throttled per attempted email and per client address: the address is the connection's peer, as the container
     * sees it (behind a trusted proxy, set {@code server.forward-headers-strategy}); X-Forwarded-For is not trusted.
     */
    @PostMapping(path = "/api/v1/session", consumes = MediaType.APPLICATION_JSON_VALUE)
    SessionResponse logIn(@Parameter(hidden = true) RequestId requestId, HttpServletRequest request,
                          @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                  schema = @Schema(implementation = SessionRequest.class)))
                          @RequestBody JsonNode body) {
        LogInUseCase useCase = available(logIn);
        Credentials credentials = SessionRequest.from(body).toDomain();
        SessionToken token = useCase.logIn(credentials.email(), credentials.password(), request.getRemoteAddr(),
                Optional.of(requestId.value()), RequestIdFilter.clientRequestId(request));
        return new SessionResponse(token.value(), "Bearer", token.expiresIn().toSeconds());
    }

    /** Logout: every token of the caller issued so far stops working (local IdP; 404 with Auth0). */
    @DeleteMapping("/api/v1/session")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirement(name = WebAdapterConfiguration.BEARER_SCHEME)
    void logOut(@Parameter(hidden = true) Caller caller) {
        available(tokens).logOut(caller.actor(), caller.requestId());
    }

    @GetMapping("/.well-known/jwks.json")
    JwksResponse jwks() {
        return new JwksResponse(available(signingKeys).signingKeys().stream()
                .filter(key -> key.publicKey() instanceof RSAPublicKey)
                .map(JwkResponse::from)
                .toList());
    }

    /** The local IdP's use case, or a 404 with Auth0 (which has none). */
    private static <T> T available(ObjectProvider<T> provider) {
        T useCase = provider.getIfAvailable();
        if (useCase == null) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND);
        }
        return useCase;
    }

    /** The log-in body: read by hand in {@link #from}; the record also documents it in the OpenAPI description. */
    record SessionRequest(@Nullable String email, @Nullable String password) {

        private static final Set<String> FIELDS = Set.of("email", "password");

        static SessionRequest from(JsonNode body) {
            JsonBody json = JsonBody.object(body, FIELDS);
            SessionRequest request = new SessionRequest(json.string("email"), json.string("password"));
            for (String field : FIELDS) {
                if (!json.has(field) || json.isNull(field)) {
                    json.error(field, "Required.");
                }
            }
            json.throwIfInvalid();
            return request;
        }

        Credentials toDomain() {
            DomainValues values = new DomainValues();
            Email parsedEmail = values.of("email", email, Email::new);
            Password parsedPassword = values.of("password", password, Password::new);
            values.throwIfInvalid();
            return new Credentials(parsedEmail, parsedPassword);
        }

        @Override
        public String toString() {
            return "SessionRequest[email=" + email + ", password=[redacted]]";
        }
    }

    /** {@link Password#toString()} hides the password, so this record is safe to print. */
    record Credentials(Email email, Password password) {
    }

    record SessionResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "SessionResponse[access_token=[redacted], expires_in=" + expiresIn + "]";
        }
    }

    record JwksResponse(List<JwkResponse> keys) {
    }

    /** RFC 7517 public RSA key; nimbus does the unsigned big-endian base64url of n and e. */
    record JwkResponse(String kty, String kid, String use, String alg, String n, String e) {

        static JwkResponse from(SigningKey key) {
            RSAKey jwk = new RSAKey.Builder((RSAPublicKey) key.publicKey())
                    .keyID(key.keyId())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.parse(algorithm(key.algorithm())))
                    .build();
            return new JwkResponse(jwk.getKeyType().getValue(), jwk.getKeyID(), jwk.getKeyUse().identifier(),
                    jwk.getAlgorithm().getName(), jwk.getModulus().toString(), jwk.getPublicExponent().toString());
        }

        private static String algorithm(@Nullable String algorithm) {
            return algorithm == null || algorithm.isBlank() ? JWSAlgorithm.RS256.getName() : algorithm;
        }
    }
}
