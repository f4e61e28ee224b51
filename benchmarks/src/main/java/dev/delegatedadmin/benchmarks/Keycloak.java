package dev.delegatedadmin.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keycloak, the peer of the side-by-side comparison: its distribution (unpacked by the benchmarks module's build from
 * Maven Central into target/keycloak), built once for PostgreSQL, started in production mode as a child process
 * ({@link Service} measures its JVM), and configured through its admin REST API as the bootstrap admin: realm
 * {@code bench} with fine-grained admin permissions v2, groups Finance and HR, their users, and {@code kelly}, an admin
 * scoped to the Finance group's members.
 */
final class Keycloak {

    static final Path HOME = Path.of(System.getProperty("keycloak.home", "benchmarks/target/keycloak/keycloak-26.5.6"));
    static final String REALM = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTSTRAP_ADMIN = "admin";
    private static final String BOOTSTRAP_PASSWORD = "Bench-kc-admin-5521";
    // Build options: production mode reads them from the optimized build, not at start.
    private static final List<String> BUILD = List.of("--db=postgres", "--health-enabled=true", "--cache=local");

    /** Where the realm is: its base URL, kelly's token, the Finance users' representations. */
    record Realm(String base, String kellyToken, List<ObjectNode> finance) {
    }

    private Keycloak() {
    }

    static String version() {
        return HOME.getFileName().toString().replace("keycloak-", "");
    }

    /** {@code kc.sh build}, once per distribution (a marker file records the options it was built with). */
    static void build(Path log) throws Exception {
        Path marker = HOME.resolve("lib/quarkus/.benchmark-build");
        if (Files.exists(marker) && Files.readString(marker).equals(BUILD.toString())) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("kc.sh build failed; see " + log);
        }
        Files.writeString(marker, BUILD.toString());
    }

    /** {@code kc.sh start --optimized} on {@code database}; healthy when /health/ready on its management port is. */
    static Service start(int port, int managementPort, String database, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", HOME.resolve("bin/kc.sh").toString(), "start",
                "--optimized", "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort, "--hostname-strict=false");
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("KC_DB_USERNAME", "postgres");
        env.put("KC_DB_PASSWORD", "unused-trust-auth");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD);
        return Service.launch(builder, port, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"),
                Duration.ofSeconds(300), log);
    }

    /**
     * Creates realm {@code bench} and its users, and checks that kelly's permissions are scoped: she lists only
     * Finance users and is refused an HR user's update and creates outside Finance. Fails if not.
     */
    static Realm configure(HttpClient client, int port, int financeUsers, int hrUsers, String userPassword)
            throws Exception {
        String base = "http://127.0.0.1:" + port;
        String admin = token(client, base, "master", BOOTSTRAP_ADMIN, BOOTSTRAP_PASSWORD);
        // The master realm's tokens last 60 s by default: the set-up can take longer on a loaded machine.
        Suite.send(client, Suite.put(base + "/admin/realms/master", admin, "{\"accessTokenLifespan\":3600}"), 204);
        admin = token(client, base, "master", BOOTSTRAP_ADMIN, BOOTSTRAP_PASSWORD);
        String realm = base + "/admin/realms/" + REALM;

        // Tokens and sessions outlive the run (the load reuses one token, as an admin console does for its lifetime);
        // admin events on, with representations: the closest to our audit trail, which records every attempt.
        Suite.send(client, Suite.post(base + "/admin/realms", admin, """
                {"realm":"%s","enabled":true,"adminPermissionsEnabled":true,"accessTokenLifespan":36000,
                 "ssoSessionIdleTimeout":36000,"ssoSessionMaxLifespan":36000,
                 "adminEventsEnabled":true,"adminEventsDetailsEnabled":true}""".formatted(REALM)), 201);
        // Unmanaged attributes, so that an attribute like "desk" can be set (user_metadata's counterpart).
        ObjectNode profile = (ObjectNode) JSON.readTree(Suite.send(client, Suite.get(realm + "/users/profile", admin),
                200).body());
        profile.put("unmanagedAttributePolicy", "ENABLED");
        Suite.send(client, Suite.put(realm + "/users/profile", admin, JSON.writeValueAsString(profile)), 200);

        String financeGroup = created(Suite.send(client, Suite.post(realm + "/groups", admin,
                "{\"name\":\"Finance\"}"), 201));
        created(Suite.send(client, Suite.post(realm + "/groups", admin, "{\"name\":\"HR\"}"), 201));
        List<String> finance = new ArrayList<>();
        for (int i = 0; i < financeUsers; i++) {
            finance.add(created(Suite.send(client, Suite.post(realm + "/users", admin,
                    userBody("finance" + i, "Finance", userPassword)), 201)));
        }
        List<String> hr = new ArrayList<>();
        for (int i = 0; i < hrUsers; i++) {
            hr.add(created(Suite.send(client, Suite.post(realm + "/users", admin, userBody("hr" + i, "HR",
                    userPassword)), 201)));
        }
        String kelly = created(Suite.send(client, Suite.post(realm + "/users", admin, userBody("kelly", null,
                userPassword)), 201));

        // FGAP v2 needs a query-* role for the list endpoints to answer at all; no view-users / manage-users, which
        // would grant every user and bypass the permissions.
        String realmManagement = clientId(client, realm, admin, "realm-management");
        List<JsonNode> roles = new ArrayList<>();
        for (String role : List.of("query-users", "query-groups")) {
            roles.add(JSON.readTree(Suite.send(client, Suite.get(realm + "/clients/" + realmManagement + "/roles/"
                    + role, admin), 200).body()));
        }
        Suite.send(client, Suite.post(realm + "/users/" + kelly + "/role-mappings/clients/" + realmManagement, admin,
                JSON.writeValueAsString(roles)), 204);

        // FGAP v2: the realm's admin-permissions client is the resource server; a user policy naming kelly, and one
        // scope permission on the Finance group.
        String authz = realm + "/clients/" + clientId(client, realm, admin, "admin-permissions")
                + "/authz/resource-server";
        Suite.send(client, Suite.post(authz + "/policy/user", admin, """
                {"name":"kelly","users":["%s"],"logic":"POSITIVE"}""".formatted(kelly)), 201);
        Suite.send(client, Suite.post(authz + "/permission/scope", admin, """
                {"name":"Finance members, by kelly","resourceType":"Groups","resources":["%s"],
                 "scopes":["view","view-members","manage-members","manage-membership"],"policies":["kelly"]}"""
                .formatted(financeGroup)), 201);

        String kellyToken = token(client, base, REALM, "kelly", userPassword);
        verifyScope(client, realm, admin, kellyToken, financeUsers, hr.getFirst(), userPassword);
        List<ObjectNode> representations = new ArrayList<>();
        for (String id : finance) {
            representations.add((ObjectNode) JSON.readTree(Suite.send(client, Suite.get(realm + "/users/" + id,
                    kellyToken), 200).body()));
        }
        return new Realm(base, kellyToken, representations);
    }

    private static void verifyScope(HttpClient client, String realm, String admin, String kelly, int financeUsers,
                                    String hrUser, String userPassword) throws Exception {
        JsonNode listed = JSON.readTree(Suite.send(client, Suite.get(realm + "/users?max=100", kelly), 200).body());
        List<String> names = new ArrayList<>();
        listed.forEach(u -> names.add(u.get("username").asText()));
        if (names.size() != financeUsers || !names.stream().allMatch(n -> n.startsWith("finance"))) {
            throw new IllegalStateException("kelly is not scoped to Finance: she lists " + names);
        }
        JsonNode hr = JSON.readTree(Suite.send(client, Suite.get(realm + "/users/" + hrUser, admin), 200).body());
        ((ObjectNode) hr).putObject("attributes").putArray("desk").add("kelly was here");
        Suite.send(client, Suite.put(realm + "/users/" + hrUser, kelly, JSON.writeValueAsString(hr)), 403);
        Suite.send(client, Suite.post(realm + "/users", kelly, userBody("outside-hr", "HR", userPassword)), 403);
        Suite.send(client, Suite.post(realm + "/users", kelly, userBody("outside-none", null, userPassword)), 403);
        System.out.println("Keycloak: kelly lists only the " + financeUsers + " Finance users; her update of an HR user "
                + "and her creates into HR or no group are refused (403)");
    }

    /** A user as the admin console creates one; {@code group} null for none, {@code password} null for none. */
    static String userBody(String username, String group, String password) {
        return "{\"username\":\"" + username + "\",\"email\":\"" + username + "@bench.example\",\"enabled\":true,"
                + "\"firstName\":\"Bench\",\"lastName\":\"User\""
                + (group == null ? "" : ",\"groups\":[\"/" + group + "\"]")
                + (password == null ? "" : ",\"credentials\":[{\"type\":\"password\",\"value\":\"" + password
                        + "\",\"temporary\":false}]") + "}";
    }

    private static String token(HttpClient client, String base, String realm, String username, String password)
            throws Exception {
        String form = Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                        "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return JSON.readTree(Suite.send(client, request, 200).body()).get("access_token").asText();
    }

    private static String clientId(HttpClient client, String realm, String token, String clientId) throws Exception {
        JsonNode found = JSON.readTree(Suite.send(client, Suite.get(realm + "/clients?clientId=" + clientId, token),
                200).body());
        if (found.isEmpty()) {
            throw new IllegalStateException("No client " + clientId + " in realm " + REALM);
        }
        return found.get(0).get("id").asText();
    }

    private static String created(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
