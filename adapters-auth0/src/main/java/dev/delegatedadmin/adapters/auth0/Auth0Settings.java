package dev.delegatedadmin.adapters.auth0;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenant and how to reach it. {@code toString} never shows the client secret. The Management API is at
 * {@code AUTH0_MANAGEMENT_API_URL} when set (a proxy, a test stub), else {@code https://{domain}/api/v2}; the token
 * endpoint is {@code /oauth/token} at the same origin, and the token's audience is always the tenant's own
 * {@code https://{domain}/api/v2/}.
 */
record Auth0Settings(String domain, String clientId, String clientSecret, Optional<String> managementApiUrl,
                     Duration timeout) {

    /** The names of the missing settings (never their values), for a clear start-up failure. */
    static List<String> missing(String domain, String clientId, String clientSecret, String audience) {
        List<String> missing = new ArrayList<>();
        if (blank(domain)) {
            missing.add("AUTH0_DOMAIN");
        }
        if (blank(clientId)) {
            missing.add("AUTH0_CLIENT_ID");
        }
        if (blank(clientSecret)) {
            missing.add("AUTH0_CLIENT_SECRET");
        }
        if (blank(audience)) {
            missing.add("AUTH0_AUDIENCE");
        }
        return missing;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    String apiUrl() {
        return managementApiUrl.filter(u -> !u.isBlank()).orElse("https://" + domain + "/api/v2")
                .replaceAll("/+$", "");
    }

    String tokenBaseUrl() {
        URI api = URI.create(apiUrl());
        return api.getScheme() + "://" + api.getRawAuthority();
    }

    String managementAudience() {
        return "https://" + domain + "/api/v2/";
    }

    @Override
    public String toString() {
        return "Auth0Settings[domain=" + domain + ", clientId=" + clientId + ", clientSecret=(redacted), api="
                + apiUrl() + "]";
    }
}
