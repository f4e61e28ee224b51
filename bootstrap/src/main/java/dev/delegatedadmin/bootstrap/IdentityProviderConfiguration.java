package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.PersistenceAdapterConfiguration;
import dev.delegatedadmin.adapters.web.WebAdapterConfiguration;
import dev.delegatedadmin.adapters.web.security.LocalJwtDecoder;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.StartupSettingException;
import dev.delegatedadmin.application.port.in.BootstrapAdministratorUseCase;
import dev.delegatedadmin.application.port.in.LocalTokensUseCase;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.StringUtils;

/**
 * IDP=local (the default): the user directory, audit trail and token keys live in PostgreSQL, and incoming
 * tokens are the ones this service signs. IDP=auth0: users live in the Auth0 tenant ({@link Auth0Configuration});
 * the audit trail stays in PostgreSQL, and there is no {@code /session} login and no first administrator.
 */
@Configuration(proxyBeanMethods = false)
@Import({PersistenceAdapterConfiguration.class, WebAdapterConfiguration.class, Auth0Configuration.class,
        ActorCacheConfiguration.class})
class IdentityProviderConfiguration {

    static final String IDP = "delegated-admin.idp";

    IdentityProviderConfiguration(@Value("${delegated-admin.idp}") String idp) {
        if (!idp.equals("local") && !idp.equals("auth0")) {
            throw new IllegalStateException("IDP must be 'local' or 'auth0', not '" + idp + "'.");
        }
    }

    /** The local IdP's token verification and first administrator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = IDP, havingValue = "local", matchIfMissing = true)
    static class LocalIdentityProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalIdentityProviderConfiguration.class);

    LocalIdentityProviderConfiguration() {
        log.info("Identity provider: local directory in PostgreSQL");
    }

    /** Lifetime: {@code iat} older than it (plus skew), or {@code exp} further than it, is refused. */
    @Bean
    JwtDecoder jwtDecoder(PublishSigningKeysUseCase keys, LocalTokensUseCase tokens,
                          @Value("${delegated-admin.local.issuer}") String issuer,
                          @Value("${delegated-admin.local.audience}") String audience,
                          @Value("${delegated-admin.local.token-ttl:15m}") Duration lifetime) {
        return LocalJwtDecoder.create(keys, tokens, issuer, audience, lifetime);
    }

    /** First start with an empty directory: one administrator in IT; a generated password is printed once. */
    @Bean
    ApplicationRunner bootstrapAdministrator(BootstrapAdministratorUseCase bootstrap,
                                             @Value("${delegated-admin.bootstrap-admin.email}") String email,
                                             @Value("${delegated-admin.bootstrap-admin.password:}") String password) {
        return arguments -> bootstrapIfEmpty(bootstrap, email, password)
                .ifPresent(done -> {
                    log.info("Created the first administrator {} in department IT", done.administrator().email());
                    // Printed once to the console, deliberately not through the logger (log files are kept and shipped).
                    done.generatedPassword().ifPresent(generated -> printOnce(System.out, email, generated));
                });
    }

    // The directory's password rules refuse a weak BOOTSTRAP_ADMIN_PASSWORD: say which setting it was.
    private static Optional<BootstrapAdministratorUseCase.Bootstrapped> bootstrapIfEmpty(
            BootstrapAdministratorUseCase bootstrap, String email, String password) {
        try {
            return bootstrap.bootstrapIfEmpty(new Email(email),
                    Optional.of(password).filter(StringUtils::hasText).map(Password::new));
        } catch (InvalidInputException e) {
            String field = e.errors().getFirst().field();
            if (field.equals("password")) {
                throw new StartupSettingException("BOOTSTRAP_ADMIN_PASSWORD", "BOOTSTRAP_ADMIN_PASSWORD is refused for"
                        + " the first administrator: " + e.getMessage(), "Set BOOTSTRAP_ADMIN_PASSWORD to a password"
                        + " that meets this, or unset it to have one generated and printed once.", e);
            }
            if (field.equals("email")) {
                throw new StartupSettingException("BOOTSTRAP_ADMIN_EMAIL", "BOOTSTRAP_ADMIN_EMAIL is refused for the"
                        + " first administrator: " + e.getMessage(), "Set BOOTSTRAP_ADMIN_EMAIL to a valid address,"
                        + " or unset it for admin@localhost.", e);
            }
            throw e;
        }
    }

    private static void printOnce(PrintStream out, String email, Password generated) {
        out.println();
        out.println("================================================================");
        out.println(" First administrator: " + email);
        out.println(" Generated password:  " + generated.reveal());
        out.println(" It is shown only this once. Log in and change it, or set");
        out.println(" BOOTSTRAP_ADMIN_PASSWORD before the first start.");
        out.println("================================================================");
        out.println();
        out.flush();
    }
    }
}
