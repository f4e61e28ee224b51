package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every end-to-end test gives the service, named once. */
final class EndToEndSettings {

    static final String AUTH0_DOMAIN = "tenant.example.auth0.com";
    static final String AUTH0_CLIENT_ID = "e2e-client";
    /** Every instance on one database needs the same signing-key secret (docs/operations.md); a test-only value. */
    static final String SIGNING_KEY_SECRET = "e2e-signing-key-secret-shared-by-instances";

    private EndToEndSettings() {
    }

    /**
     * An external database (DATABASE_URL set), so nothing is embedded, and a fresh DATA_DIR, returned: the audit
     * anchors written there belong to this database only.
     */
    static Path externalDatabase(DynamicPropertyRegistry registry, DataSource database) {
        TestDatabase.ConnectionInfo info = TestDatabase.connectionInfo(database);
        registry.add("DATABASE_URL", info::url);
        registry.add("DATABASE_USER", info::user);
        registry.add("DATABASE_PASSWORD", info::password);
        registry.add("SIGNING_KEY_SECRET", () -> SIGNING_KEY_SECRET);
        try {
            Path dataDir = Files.createTempDirectory("e2e-data");
            registry.add("DATA_DIR", dataDir::toString);
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, as properties of an application started by hand (several instances on one database). */
    static java.util.Map<String, Object> externalDatabase(DataSource database) {
        TestDatabase.ConnectionInfo info = TestDatabase.connectionInfo(database);
        java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("SERVER_PORT", "0");
        properties.put("DATABASE_URL", info.url());
        properties.put("DATABASE_USER", info.user());
        properties.put("DATABASE_PASSWORD", info.password());
        properties.put("SIGNING_KEY_SECRET", SIGNING_KEY_SECRET);
        return properties;
    }

    /** IDP=auth0 against a fake tenant whose Management API is at {@code baseUrl}. */
    static void auth0Tenant(DynamicPropertyRegistry registry, Supplier<String> baseUrl, Supplier<Object> issuer,
                            String clientSecret, String audience) {
        registry.add("IDP", () -> "auth0");
        registry.add("AUTH0_DOMAIN", () -> AUTH0_DOMAIN);
        registry.add("AUTH0_CLIENT_ID", () -> AUTH0_CLIENT_ID);
        registry.add("AUTH0_CLIENT_SECRET", () -> clientSecret);
        registry.add("AUTH0_AUDIENCE", () -> audience);
        registry.add("AUTH0_ISSUER", issuer);
        registry.add("AUTH0_MANAGEMENT_API_URL", () -> baseUrl.get() + "/api/v2");
        // The fake tenant has no rate limit; the shared budget has its own test (SharedRateBudgetEndToEndTest).
        registry.add("AUTH0_RATE_LIMIT", () -> "1000");
        registry.add("AUTH0_RATE_BURST", () -> "1000");
    }
}
