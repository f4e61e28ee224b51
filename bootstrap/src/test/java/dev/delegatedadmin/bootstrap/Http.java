package dev.delegatedadmin.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for end-to-end tests: real requests to the service on its random port. */
final class Http {

    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response getAccepting(String path, String token, String mediaType) {
        return send(request(path, token).header("Accept", mediaType).GET());
    }

    Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response patch(String path, String token, String contentType, String json) {
        return send(request(path, token).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    String logIn(String email, String password) {
        Response response = post("/api/v1/session", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("login of " + email + " failed: " + response.status() + " " + response.body());
        }
        return response.json().get("access_token").asString();
    }

    /**
     * Sends {@code path} exactly as given, e.g. with a raw {@code |} (java.net.http refuses it; curl and browsers send
     * it), through {@link RawHttp}, the suite's one raw-socket client.
     */
    Response raw(String method, String path, String token, String contentType, String body) {
        RawHttp.Response response = new RawHttp(URI.create(base).getPort()).send(method, path, token, contentType, body);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return new Response(response.status(), java.net.http.HttpHeaders.of(headers, (name, value) -> true),
                response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
