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
        try {
            Path dataDir = Files.createTempDirectory("e2e-data");
            registry.add("DATA_DIR", dataDir::toString);
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    }
}
