package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.auth0.Auth0AdapterConfiguration;
import dev.delegatedadmin.adapters.web.security.RemoteJwkSource;
import dev.delegatedadmin.adapters.web.security.VerifiedTokenCache;
import dev.delegatedadmin.application.error.StartupSettingException;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * IDP=auth0: the Management API adapter, and incoming Auth0 access tokens checked against the tenant's JWKS
 * ({@code {issuer}.well-known/jwks.json}), the issuer ({@code AUTH0_ISSUER}, default {@code https://{AUTH0_DOMAIN}/})
 * and the audience ({@code AUTH0_AUDIENCE}); RS256 only, {@code exp} required; a verified token is remembered
 * for a while ({@link VerifiedTokenCache}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = IdentityProviderConfiguration.IDP, havingValue = "auth0")
@Import(Auth0AdapterConfiguration.class)
class Auth0Configuration {

    @Bean
    JwtDecoder jwtDecoder(@Value("${delegated-admin.auth0.domain:}") String domain,
                          @Value("${delegated-admin.auth0.issuer:}") String issuer,
                          @Value("${delegated-admin.auth0.audience:}") String audience) {
        if (domain.isBlank() && issuer.isBlank()) {
            throw new StartupSettingException("AUTH0_DOMAIN", "IDP=auth0 needs AUTH0_DOMAIN (or AUTH0_ISSUER) to be set.",
                    Auth0AdapterConfiguration.AUTH0_ACTION);
        }
        if (audience.isBlank()) {
            throw new StartupSettingException("AUTH0_AUDIENCE", "IDP=auth0 needs AUTH0_AUDIENCE to be set.",
                    Auth0AdapterConfiguration.AUTH0_ACTION);
        }
        String expectedIssuer = issuer.isBlank() ? "https://" + domain.strip() + "/" : issuer.strip();
        String jwks = (expectedIssuer.endsWith("/") ? expectedIssuer : expectedIssuer + "/") + ".well-known/jwks.json";
        // Not withJwkSetUri: its cache re-reads the JWKS for every unknown kid (20 forged tokens, 20 fetches).
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(RemoteJwkSource.of(URI.create(jwks)))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> claims = JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(expectedIssuer),
                new JwtAudienceValidator(audience.strip()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        decoder.setJwtValidator(claims);
        return new VerifiedTokenCache(decoder, claims);
    }
}
