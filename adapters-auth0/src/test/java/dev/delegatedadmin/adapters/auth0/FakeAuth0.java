package dev.delegatedadmin.adapters.auth0;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stateful stand-in for an Auth0 tenant's Management API, served by WireMock: users (create, get, PATCH with
 * Auth0's first-level metadata merge, delete, search with a Lucene {@code q}, look-up by email), one database
 * connection, and the client-credentials token endpoint. WireMock's request journal keeps every call, so tests
 * assert the exact requests the adapter made.
 */
public final class FakeAuth0 implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-auth0";
    public static final String DATABASE = "Username-Password-Authentication";
    public static final String SOCIAL = "google-oauth2";
    public static final String MANAGEMENT_TOKEN = "mgmt-token-for-tests";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(0x65f000);
    /** Organization id → ids of its enabled connections, and → its members' user ids; user id → role ids. */
    private final Map<String, Set<String>> enabledConnections = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();
    private final Map<String, Set<String>> roles = new LinkedHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void reset() {
        users.clear();
        enabledConnections.clear();
        members.clear();
        roles.clear();
    }

    /** An organization with these connections enabled (ids such as {@code con_db}). */
    public synchronized void organization(String organizationId, String... connectionIds) {
        enabledConnections.put(organizationId, new LinkedHashSet<>(List.of(connectionIds)));
        members.putIfAbsent(organizationId, new LinkedHashSet<>());
    }

    public synchronized Set<String> members(String organizationId) {
        return Set.copyOf(members.getOrDefault(organizationId, Set.of()));
    }

    public synchronized Set<String> roles(String userId) {
        return Set.copyOf(roles.getOrDefault(userId, Set.of()));
    }

    /** The default stubs (lowest priority, so a test's own stub for a fault wins). */
    public static void stub(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo("/oauth/token")).atPriority(10)
                .willReturn(okJson("{\"access_token\":\"" + MANAGEMENT_TOKEN
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":86400}")));
        server.stubFor(any(urlPathMatching("/api/v2/.*")).atPriority(10)
                .willReturn(aResponse().withTransformers(NAME)));
    }

    /** A user as if created in the dashboard (e.g. the first administrator); returns its user_id. */
    public synchronized String seed(String email, Map<String, Object> appMetadata) {
        String id = Long.toHexString(ids.incrementAndGet());
        String now = now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", "auth0|" + id);
        user.put("email", email.toLowerCase(Locale.ROOT));
        user.put("email_verified", true);
        user.put("created_at", now);
        user.put("updated_at", now);
        user.put("identities", List.of(Map.of("connection", DATABASE, "user_id", id, "provider", "auth0",
                "isSocial", false)));
        user.put("user_metadata", new LinkedHashMap<>());
        user.put("app_metadata", new LinkedHashMap<>(appMetadata));
        users.put("auth0|" + id, user);
        return "auth0|" + id;
    }

    /** An RBAC role assigned in the dashboard (the role's id is its name in this fake). */
    public synchronized void assignRole(String userId, String roleName) {
        roles.computeIfAbsent(userId, k -> new LinkedHashSet<>()).add(roleName);
    }

    /** A change made in the dashboard, behind the service's back: {@code blocked} and first-level app_metadata. */
    @SuppressWarnings("unchecked")
    public synchronized void dashboardEdit(String userId, Boolean blocked, Map<String, Object> appMetadata) {
        Map<String, Object> user = users.get(userId);
        if (blocked != null) {
            user.put("blocked", blocked);
        }
        ((Map<String, Object>) user.get("app_metadata")).putAll(appMetadata);
        user.put("updated_at", now());
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = request.getUrl().split("\\?", 2)[0].substring("/api/v2/".length());
        String method = request.getMethod().getName();
        try {
            if (path.equals("connections") && method.equals("GET")) {
                return connections(request);
            }
            if (path.equals("users") && method.equals("POST")) {
                return create(body(request));
            }
            if (path.equals("users") && method.equals("GET")) {
                return search(request);
            }
            if (path.equals("users-by-email") && method.equals("GET")) {
                String email = request.queryParameter("email").firstValue().toLowerCase(Locale.ROOT);
                return json(200, users.values().stream().filter(u -> email.equals(u.get("email"))).toList());
            }
            if (path.startsWith("organizations/")) {
                return organizations(path.substring("organizations/".length()).split("/"), method, request);
            }
            if (path.startsWith("users/") && path.endsWith("/roles") && method.equals("GET")) {
                String id = URLDecoder.decode(path.substring("users/".length(), path.length() - "/roles".length()),
                        StandardCharsets.UTF_8);
                if (!users.containsKey(id)) {
                    return error(404, "Not Found", "The user does not exist.", "inexistent_user");
                }
                // A role's id is its name here (rol_… in a real tenant; this service reads only the name).
                List<Map<String, Object>> assigned = roles.getOrDefault(id, Set.of()).stream()
                        .map(role -> Map.<String, Object>of("id", role, "name", role, "description", role)).toList();
                return json(200, Map.of("roles", assigned, "start", 0, "limit", 50, "total", assigned.size()));
            }
            if (path.startsWith("users/") && path.endsWith("/roles") && method.equals("POST")) {
                String id = URLDecoder.decode(path.substring("users/".length(), path.length() - "/roles".length()),
                        StandardCharsets.UTF_8);
                if (!users.containsKey(id)) {
                    return error(404, "Not Found", "The user does not exist.", "inexistent_user");
                }
                @SuppressWarnings("unchecked")
                List<String> assigned = (List<String>) body(request).get("roles");
                roles.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(assigned);
                return new ResponseDefinition(204, "");
            }
            if (path.startsWith("users/")) {
                String id = URLDecoder.decode(path.substring("users/".length()), StandardCharsets.UTF_8);
                Map<String, Object> user = users.get(id);
                if (user == null) {
                    return error(404, "Not Found", "The user does not exist.", "inexistent_user");
                }
                return switch (method) {
                    case "GET" -> json(200, user);
                    case "PATCH" -> update(user, body(request));
                    case "DELETE" -> {
                        users.remove(id);
                        yield new ResponseDefinition(204, "");
                    }
                    default -> error(405, "Method Not Allowed", "No.", "method_not_allowed");
                };
            }
            return error(404, "Not Found", "Not found", "not_found");
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request", e.getMessage(), "invalid_query_string");
        }
    }

    /** {@code GET {org}/enabled_connections/{con}} (404 when not enabled) and {@code POST {org}/members}. */
    private ResponseDefinition organizations(String[] parts, String method, Request request) {
        String org = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        if (!enabledConnections.containsKey(org)) {
            return error(404, "Not Found", "No organization found by that id.", "inexistent_organization");
        }
        if (parts.length == 3 && parts[1].equals("enabled_connections") && method.equals("GET")) {
            String connection = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            if (!enabledConnections.get(org).contains(connection)) {
                return error(404, "Not Found", "No connection found by that id.", "inexistent_connection");
            }
            return json(200, Map.of("connection_id", connection, "assign_membership_on_login", false,
                    "connection", Map.of("name", connection, "strategy", "auth0")));
        }
        if (parts.length == 2 && parts[1].equals("members") && method.equals("POST")) {
            @SuppressWarnings("unchecked")
            List<String> added = (List<String>) body(request).get("members");
            members.get(org).addAll(added); // an existing member is no error at Auth0
            return new ResponseDefinition(204, "");
        }
        return error(404, "Not Found", "Not found", "not_found");
    }

    private ResponseDefinition connections(Request request) {
        String name = request.queryParameter("name").isPresent() ? request.queryParameter("name").firstValue() : null;
        List<Map<String, Object>> all = List.of(
                Map.of("id", "con_db", "name", DATABASE, "strategy", "auth0"),
                Map.of("id", "con_social", "name", SOCIAL, "strategy", "google-oauth2"));
        return json(200, Map.of("connections", all.stream().filter(c -> name == null || name.equals(c.get("name")))
                .toList()));
    }

    private ResponseDefinition create(Map<String, Object> body) {
        String connection = (String) body.get("connection");
        if (!DATABASE.equals(connection)) {
            return error(400, "Bad Request", "The connection does not exist.", "invalid_body");
        }
        if (body.get("password") == null) {
            return error(400, "Bad Request", "Payload validation error: 'Missing required property: password'.",
                    "invalid_body");
        }
        String email = ((String) body.get("email")).toLowerCase(Locale.ROOT);
        if (emailTaken(email, null)) {
            return error(409, "Conflict", "The user already exists.", "auth0_idp_error");
        }
        String id = Long.toHexString(ids.incrementAndGet());
        String now = now();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", "auth0|" + id);
        user.put("email", email);
        user.put("email_verified", false);
        user.put("created_at", now);
        user.put("updated_at", now);
        user.put("identities", List.of(Map.of("connection", DATABASE, "user_id", id, "provider", "auth0",
                "isSocial", false)));
        user.put("user_metadata", withoutNulls(body.get("user_metadata")));
        user.put("app_metadata", withoutNulls(body.get("app_metadata")));
        users.put("auth0|" + id, user);
        return json(201, user);
    }

    private ResponseDefinition update(Map<String, Object> user, Map<String, Object> body) {
        if (body.containsKey("email")) {
            String email = ((String) body.get("email")).toLowerCase(Locale.ROOT);
            if (emailTaken(email, (String) user.get("user_id"))) {
                return error(400, "Bad Request", "The specified new email already exists", "auth0_idp_error");
            }
            if (body.containsKey("password")) {
                return error(400, "Bad Request", "Cannot update password and email simultaneously",
                        "operation_not_supported");
            }
            user.put("email", email);
        }
        for (String flag : List.of("email_verified", "blocked")) {
            if (body.containsKey(flag)) {
                user.put(flag, body.get(flag));
            }
        }
        for (String metadata : List.of("user_metadata", "app_metadata")) {
            if (body.get(metadata) instanceof Map<?, ?> changes) {
                @SuppressWarnings("unchecked")
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) user.get(metadata));
                changes.forEach((key, value) -> {
                    if (value == null) {
                        merged.remove((String) key);
                    } else {
                        merged.put((String) key, value);
                    }
                });
                user.put(metadata, merged);
            }
        }
        user.put("updated_at", now());
        return json(200, user);
    }

    private ResponseDefinition search(Request request) {
        int page = Integer.parseInt(request.queryParameter("page").firstValue());
        int perPage = Integer.parseInt(request.queryParameter("per_page").firstValue());
        Predicate<Function<String, String>> matches = request.queryParameter("q").isPresent()
                ? LuceneSubset.parse(request.queryParameter("q").firstValue())
                : doc -> true;
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> user : users.values()) {
            if (matches.test(field -> fieldOf(user, field))) {
                found.add(user);
            }
        }
        List<Map<String, Object>> slice = found.stream().skip((long) page * perPage).limit(perPage).toList();
        if (!"true".equals(request.queryParameter("include_totals").firstValue())) {
            return json(200, slice);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start", page * perPage);
        body.put("limit", perPage);
        body.put("length", slice.size());
        body.put("total", found.size());
        body.put("users", slice);
        return json(200, body);
    }

    private static String fieldOf(Map<String, Object> user, String field) {
        return switch (field) {
            case "email" -> (String) user.get("email");
            case "app_metadata.department" -> user.get("app_metadata") instanceof Map<?, ?> app
                    && app.get("department") instanceof String d ? d : null;
            default -> null;
        };
    }

    private boolean emailTaken(String email, String exceptId) {
        return users.values().stream().anyMatch(u -> email.equals(u.get("email")) && !u.get("user_id").equals(exceptId));
    }

    private static Map<String, Object> withoutNulls(Object metadata) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (metadata instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put((String) k, v);
                }
            });
        }
        return copy;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Map<String, Object> body(Request request) {
        try {
            return JSON.readValue(request.getBodyAsString(), new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid JSON");
        }
    }

    static ResponseDefinition error(int status, String error, String message, String code) {
        return json(status, Map.of("statusCode", status, "error", error, "message", message, "errorCode", code));
    }

    private static ResponseDefinition json(int status, Object body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
