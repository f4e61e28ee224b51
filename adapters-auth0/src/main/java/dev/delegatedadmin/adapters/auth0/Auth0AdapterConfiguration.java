package dev.delegatedadmin.adapters.auth0;

import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.core.ClientOptions;
import com.auth0.client.mgmt.core.Environment;
import com.auth0.client.mgmt.core.OAuthTokenSupplier;
import dev.delegatedadmin.application.error.StartupSettingException;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.RateBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * IDP=auth0: the Management API as the user directory ({@code LoadUsers}, {@code SearchUsers}, {@code WriteUsers}). Bootstrap imports this only for Auth0. Missing
 * settings fail the start with their names listed. Calls are admitted by a {@link RateBudget} shared by every
 * instance (bootstrap provides it from the persistence adapter); its defaults are the Free tenant's limits.
 */
@Configuration(proxyBeanMethods = false)
public class Auth0AdapterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(Auth0AdapterConfiguration.class);

    /** What to do about a missing AUTH0_* setting. */
    public static final String AUTH0_ACTION = "Set the missing settings from your tenant (README.md, 'Configuring an"
            + " Auth0 tenant': the API's identifier is AUTH0_AUDIENCE, the machine-to-machine application's client id"
            + " and secret AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), or unset IDP to use the local directory.";

    /** Exposed by its class: the user-directory ports it serves. */
    @Bean
    Auth0IdentityProvider auth0IdentityProvider(
            @Value("${delegated-admin.auth0.domain:}") String domain,
            @Value("${delegated-admin.auth0.client-id:}") String clientId,
            @Value("${delegated-admin.auth0.client-secret:}") String clientSecret,
            @Value("${delegated-admin.auth0.audience:}") String audience,
            @Value("${delegated-admin.auth0.management-api-url:}") String managementApiUrl,
            @Value("${delegated-admin.auth0.timeout:10s}") Duration timeout,
            @Value("${delegated-admin.auth0.retry.max-attempts:4}") int maxAttempts,
            @Value("${delegated-admin.auth0.retry.max-total:10s}") Duration maxTotal,
            @Value("${delegated-admin.auth0.connection-cache-ttl:10m}") Duration connectionCacheTtl,
            RateBudget rateBudget,
            @Value("${delegated-admin.auth0.rate.limit:2}") double ratePerSecond,
            @Value("${delegated-admin.auth0.rate.burst:10}") int rateBurst,
            @Value("${delegated-admin.auth0.rate.max-wait:5s}") Duration rateMaxWait,
            @Value("${delegated-admin.auth0.rate.batch:0}") int rateBatch,
            @Value("${delegated-admin.auth0.role-source:app_metadata}") String roleSource,
            MeterRegistry meterRegistry) {
        List<String> missing = Auth0Settings.missing(domain, clientId, clientSecret, audience);
        if (!missing.isEmpty()) {
            throw new StartupSettingException(String.join(", ", missing), "IDP=auth0 needs " + String.join(", ", missing)
                    + " to be set (see README.md, 'Configuring an Auth0 tenant').", AUTH0_ACTION);
        }
        Auth0Settings settings = new Auth0Settings(domain.strip(), clientId.strip(), clientSecret.strip(),
                Optional.of(managementApiUrl).filter(u -> !u.isBlank()), timeout);
        log.info("Identity provider: Auth0 tenant {} (Management API at {})", settings.domain(), settings.apiUrl());
        RetryPolicy retry = new RetryPolicy(maxAttempts, maxTotal, RetryPolicy.DEFAULT.baseBackoff(),
                RetryPolicy.DEFAULT.maxBackoff());
        Clock clock = Clock.systemUTC();
        ManagementCalls.Sleeper sleeper = duration -> Thread.sleep(duration);
        RateBudget.Limit limit = new RateBudget.Limit(ratePerSecond, rateBurst);
        int batch = rateBatch > 0 ? rateBatch : SharedPermits.defaultBatch(limit);
        log.info("Management API budget: {}/s, burst {}, shared by every instance; a caller waits at most {}",
                ratePerSecond, rateBurst, rateMaxWait);
        ManagementCallMetrics metrics = new ManagementCallMetrics(meterRegistry);
        ManagementPermits permits = metrics.timed(new SharedPermits(rateBudget, "auth0:" + settings.domain(), limit,
                batch, SharedPermits.BATCH_LIFETIME, rateMaxWait, sleeper));
        ManagementApi api = managementApi(settings);
        ManagementCalls calls = new ManagementCalls(retry, clock, sleeper, permits, metrics);
        log.info("Roles of actors and targets are read from {}", roleSource);
        return new Auth0IdentityProvider(api, calls, clock, connectionCacheTtl,
                Auth0RbacRoles.of(roleSource.strip(), api, calls));
    }

    /** Login rules share the users' SDK client (one token cache, one retry policy). */
    @Bean
    LoginProvisioning auth0LoginProvisioning(Auth0IdentityProvider auth0IdentityProvider) {
        return auth0IdentityProvider.loginProvisioning();
    }

    /**
     * One long-lived client: the SDK's client-credentials token supplier fetches and caches the token; the SDK's own
     * retries are off ({@code maxRetries(0)}), {@link ManagementCalls} owns the policy.
     */
    static ManagementApi managementApi(Auth0Settings settings) {
        OAuthTokenSupplier tokens = new OAuthTokenSupplier(settings.clientId(), settings.clientSecret(),
                settings.tokenBaseUrl(), settings.managementAudience());
        ClientOptions options = ClientOptions.builder()
                .environment(Environment.custom(settings.apiUrl()))
                .addHeader("Authorization", () -> "Bearer " + tokens.get())
                .timeout((int) Math.max(1, settings.timeout().toSeconds()))
                .maxRetries(0)
                .build();
        return new ManagementApi(options);
    }
}
