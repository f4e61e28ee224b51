package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12 item 1: with SIGNING_KEY_ROTATION, a new key takes over on its own; a token signed before the rotation
 * still verifies after it, new tokens carry the new kid, and once the old key is retired (its tokens have expired)
 * it leaves the JWKS and its tokens are refused. Short times: rotation every 12 s, tokens of 8 s (the key is deleted
 * some 70 s after its retirement: lifetime, the verifier's 60 s clock skew and two refreshes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SigningKeyRotationEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-rotate-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();
    private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("SIGNING_KEY_ROTATION", () -> "PT12S");
        registry.add("delegated-admin.local.token-ttl", () -> "8s");
        registry.add("delegated-admin.local.signing-key-refresh", () -> "1s");
        registry.add("delegated-admin.local.signing-key-check-interval", () -> "500ms");
    }

    @LocalServerPort
    int port;

    @Test
    void a_token_signed_before_rotation_verifies_after_it_new_tokens_carry_the_new_kid_and_a_retired_key_is_refused()
            throws InterruptedException {
        Http http = new Http(port);
        String before = http.logIn("admin@localhost", ADMIN_PASSWORD);
        String oldKid = kid(before);
        String after = before;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (kid(after).equals(oldKid)) {
            assertThat(Instant.now()).as("no rotation within 90 s").isBefore(deadline);
            before = after;
            Thread.sleep(300);
            after = http.logIn("admin@localhost", ADMIN_PASSWORD);
        }
        String newKid = kid(after);
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(http.get("/api/v1/me", before).status()).as("signed by the old key before the rotation").isEqualTo(200);
        assertThat(http.get("/api/v1/me", after).status()).isEqualTo(200);
        assertThat(http.get("/.well-known/jwks.json", null).body()).contains(oldKid, newKid);

        // Retired keys are deleted after the token lifetime plus the verifier's 60 s clock skew plus two refreshes.
        deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (http.get("/.well-known/jwks.json", null).body().contains(oldKid)) {
            assertThat(Instant.now()).as("the old key was not retired within 120 s").isBefore(deadline);
            Thread.sleep(500);
        }
        assertThat(http.get("/api/v1/me", before).status()).as("signed by a retired key").isEqualTo(401);
        assertThat(kid(http.logIn("admin@localhost", ADMIN_PASSWORD))).isNotEqualTo(oldKid);
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        Matcher matcher = KID.matcher(header);
        assertThat(matcher.find()).as(header).isTrue();
        return matcher.group(1);
    }
}
