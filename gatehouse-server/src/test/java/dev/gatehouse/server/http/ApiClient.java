package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP client for black-box tests: it speaks to the server only over the wire, keeps the
 * session cookie the way a browser would, and sends the issuer's Origin on unsafe requests unless
 * told otherwise.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String origin;
    private Optional<String> cookie = Optional.empty();
    private Optional<String> csrfToken = Optional.empty();
    private Optional<String> deviceCookie = Optional.empty();

    public ApiClient(URI base, String origin) {
        this.base = base;
        this.origin = origin;
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    /** The device cookie of an earlier login (OWASP's lock-out scheme), sent with every request like a browser. */
    public Optional<String> deviceCookie() {
        return deviceCookie;
    }

    public Optional<String> cookie() {
        return cookie;
    }

    public void useCookie(String value) {
        cookie = Optional.of(value);
    }

    public Optional<String> csrfToken() {
        return csrfToken;
    }

    /** Logs in and remembers the cookie and CSRF token, as a browser page would. */
    public Response login(String email, String password) {
        Response response = send("POST", "/v1/sessions", json(Map.of("email", email, "password", password)));
        if (response.status() == 200) {
            csrfToken = Optional.of(response.json().get("csrf_token").asText());
        }
        return response;
    }

    /** Completes a login that answered {@code mfa-required}, and remembers the cookie and CSRF token. */
    public Response completeLogin(String mfaToken, String code) {
        Response response = send("POST", "/v1/sessions/mfa", json(Map.of("mfa_token", mfaToken, "code", code)));
        if (response.status() == 200) {
            csrfToken = Optional.of(response.json().get("csrf_token").asText());
        }
        return response;
    }

    public Response signUp(String email, String password) {
        return send("POST", "/v1/accounts", json(Map.of("email", email, "password", password)));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, json(body));
    }

    /** A form-encoded POST, as OAuth endpoints take. */
    public Response form(String path, Map<String, String> fields, String... extraHeaders) {
        String body = fields.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        String[] headers = java.util.Arrays.copyOf(extraHeaders, extraHeaders.length + 2);
        headers[extraHeaders.length] = "Content-Type";
        headers[extraHeaders.length + 1] = "application/x-www-form-urlencoded";
        return send("POST", path, body, headers);
    }

    /** A GET with {@code Authorization: Bearer token} and no cookie. */
    public Response getWithBearer(String path, String token) {
        Optional<String> saved = cookie;
        cookie = Optional.empty();
        try {
            return send("GET", path, null, "Authorization", "Bearer " + token);
        } finally {
            cookie = saved;
        }
    }

    public Response send(String method, String path, String body, String... extraHeaders) {
        List<String> headers = new ArrayList<>(List.of(extraHeaders));
        boolean unsafe = !method.equals("GET") && !method.equals("HEAD");
        if (unsafe && !origin.isEmpty() && !hasHeader(headers, "Origin")) {
            headers.addAll(List.of("Origin", origin));
        }
        if (unsafe && csrfToken.isPresent() && !hasHeader(headers, "X-CSRF-Token")) {
            headers.addAll(List.of("X-CSRF-Token", csrfToken.get()));
        }
        if (body != null && !hasHeader(headers, "Content-Type")) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        List<String> cookies = new ArrayList<>();
        cookie.ifPresent(value -> cookies.add("__Host-gatehouse=" + value));
        deviceCookie.ifPresent(value -> cookies.add("__Host-gatehouse-device=" + value));
        if (!cookies.isEmpty() && !hasHeader(headers, "Cookie")) {
            request.header("Cookie", String.join("; ", cookies));
        }
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response);
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void remember(HttpResponse<String> response) {
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith("__Host-gatehouse-device=")) {
                deviceCookie = Optional.of(pair.substring("__Host-gatehouse-device=".length()));
            }
            if (pair.startsWith("__Host-gatehouse=")) {
                String value = pair.substring("__Host-gatehouse=".length());
                cookie = value.isEmpty() ? Optional.empty() : Optional.of(value);
                if (value.isEmpty()) {
                    csrfToken = Optional.empty();
                }
            }
        }
    }

    private static boolean hasHeader(List<String> headers, String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
