package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.application.port.in.UnlockLoginUseCase;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11 item 3: brute-force protection of {@code POST /api/v1/session}, through the whole service. Failures are
 * counted in PostgreSQL ({@code login_throttle}), so every instance sees them; a locked account or address gets 429
 * with Retry-After, before its password is even checked, whether or not the email exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleEndToEndTest {

    private static final String ADMIN_PASSWORD = "Admin-pass-e2e-throttle-1";
    private static final String FRANK_PASSWORD = "Frank-pass-e2e-throttle-1";
    private static final DataSource DATABASE = TestDatabase.freshDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        EndToEndSettings.externalDatabase(registry, DATABASE);
        registry.add("BOOTSTRAP_ADMIN_EMAIL", () -> "admin@localhost");
        registry.add("BOOTSTRAP_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("LOGIN_MAX_FAILURES", () -> "3");
        registry.add("LOGIN_LOCK_DURATION", () -> "3s");
        registry.add("LOGIN_ADDRESS_MAX_FAILURES", () -> "8");
        registry.add("LOGIN_ADDRESS_LOCK_DURATION", () -> "1h");
    }

    @LocalServerPort
    int port;

    @Autowired
    UnlockLoginUseCase unlock;

    private Http http;

    @BeforeEach
    void fresh() throws SQLException {
        http = new Http(port);
        try (Connection connection = DATABASE.getConnection()) {
            connection.createStatement().execute("delete from login_throttle");
        }
    }

    @Test
    void wrong_passwords_lock_the_account_even_for_the_right_one_until_unlocked() throws SQLException {
        String frankId = createFrank();

        assertThat(logIn("frank@example.com", "wrong-password-1").status()).isEqualTo(401);
        assertThat(logIn("frank@example.com", "wrong-password-2").status()).isEqualTo(401);
        Http.Response locked = logIn("frank@example.com", "wrong-password-3");
        assertLocked(locked);
        assertLocked(logIn("frank@example.com", FRANK_PASSWORD));
        assertThat(failures("account", "frank@example.com")).as("the count is in PostgreSQL").isEqualTo(3);

        Actor admin = new Actor(new UserId(adminId()), "admin@localhost", Optional.empty(), Set.of(Role.ADMINISTRATOR));
        assertThat(unlock.unlock(new UserId(frankId), admin, Optional.of("e2e-unlock"))).isTrue();
        assertThat(logIn("frank@example.com", FRANK_PASSWORD).status()).isEqualTo(200);

        assertThat(value("select count(*) from audit_event where action = 'session.unlock' and target_id = '"
                + frankId + "'")).isEqualTo(1);
        assertThat(value("select count(*) from audit_event where action = 'session.lock'"
                + " and target_email = 'frank@example.com'")).isEqualTo(1);
        // Three failures and one refusal: the first failure and the lock are rows, the rest a count.
        assertThat(value("select count(*) from audit_event where action = 'session.create' and decision = 'denied'"
                + " and target_email = 'frank@example.com'")).isEqualTo(1);
    }

    @Test
    void an_unknown_email_is_locked_the_same_way_and_the_lock_expires() throws Exception {
        String grace = "grace@example.com";
        createUser(grace);
        for (String email : List.of("nobody@example.com", grace)) {
            assertThat(logIn(email, "wrong-password").status()).isEqualTo(401);
            assertThat(logIn(email, "wrong-password").status()).isEqualTo(401);
            Http.Response locked = logIn(email, "wrong-password");
            assertLocked(locked);
            assertThat(locked.json().get("detail").asString()).isEqualTo("Too many failed log-ins; try again later.");
        }
        Thread.sleep(3_100);
        assertThat(logIn(grace, FRANK_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void one_address_is_limited_across_emails() {
        for (int i = 1; i <= 7; i++) {
            assertThat(logIn("guess" + i + "@example.com", "wrong-password").status()).isEqualTo(401);
        }
        assertLocked(logIn("guess8@example.com", "wrong-password"));
        Http.Response refused = logIn("admin@localhost", ADMIN_PASSWORD);
        assertLocked(refused);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isGreaterThan(3_000);
    }

    /** Two instances on one database: failures on one lock the account on the other. */
    @Test
    void a_second_instance_sees_the_same_lock() {
        createUser("hugo@example.com");
        TestDatabase.ConnectionInfo info = TestDatabase.connectionInfo(DATABASE);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DelegatedAdminApplication.class)
                .properties("DATABASE_URL=" + info.url(), "DATABASE_USER=" + info.user(),
                        "DATABASE_PASSWORD=" + (info.password() == null ? "" : info.password()),
                        "BOOTSTRAP_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "LOGIN_MAX_FAILURES=3", "server.port=0",
                "SIGNING_KEY_SECRET=" + EndToEndSettings.SIGNING_KEY_SECRET)
                .run()) {
            Http other = new Http(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
            assertThat(logIn("hugo@example.com", "wrong-password").status()).isEqualTo(401);
            assertThat(other.post("/api/v1/session", null,
                    "{\"email\":\"hugo@example.com\",\"password\":\"wrong-password\"}").status()).isEqualTo(401);
            assertLocked(logIn("hugo@example.com", "wrong-password"));
            assertLocked(other.post("/api/v1/session", null,
                    "{\"email\":\"hugo@example.com\",\"password\":\"" + FRANK_PASSWORD + "\"}"));
        }
    }

    private static void assertLocked(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(response.json().get("type").asString()).endsWith("/too-many-requests");
        assertThat(response.json().get("request_id")).isNotNull();
    }

    private Http.Response logIn(String email, String password) {
        return http.post("/api/v1/session", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private String createFrank() {
        return createUser("frank@example.com");
    }

    private String createUser(String email) {
        String admin = http.logIn("admin@localhost", ADMIN_PASSWORD);
        Http.Response created = http.post("/api/v1/users", admin, """
                {"email":"%s","password":"%s","memberships":["Finance"]}""".formatted(email, FRANK_PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("user_id").asString();
    }

    private static String adminId() throws SQLException {
        try (Connection connection = DATABASE.getConnection();
             ResultSet row = connection.createStatement()
                     .executeQuery("select user_id from local_user where email = 'admin@localhost'")) {
            row.next();
            return row.getString(1);
        }
    }

    private static long failures(String kind, String subject) throws SQLException {
        try (Connection connection = DATABASE.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select failures from login_throttle where kind = ? and subject = ?")) {
            statement.setString(1, kind);
            statement.setString(2, subject);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    private static long value(String query) throws SQLException {
        try (Connection connection = DATABASE.getConnection();
             ResultSet row = connection.createStatement().executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
