package dev.gatehouse.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Every request the verifier makes: only to the issuer's own origin, never following a redirect
 * (so no redirect can lead it to another origin), within a time-out, reading at most 1 MiB.
 */
final class HttpFetcher {
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final URI origin;
    private final Duration timeout;
    private final HttpClient client;

    record Response(String body, Optional<String> cacheControl) {}

    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }

        FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    HttpFetcher(URI origin, Duration timeout) {
        this.origin = origin;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    Response get(URI uri, Optional<String> authorization) throws FetchException {
        HttpResponse<InputStream> response = open(uri, authorization, Optional.empty(), true);
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new FetchException(uri + " answered more than " + MAX_BODY_BYTES + " bytes");
            }
            return new Response(
                    new String(bytes, StandardCharsets.UTF_8),
                    response.headers().firstValue("Cache-Control"));
        } catch (IOException e) {
            throw new FetchException("reading " + uri + " failed", e);
        }
    }

    /** A form POST (introspection), with the same origin, time-out and size rules as {@link #get}. */
    Response postForm(URI uri, String authorization, String form) throws FetchException {
        if (!sameOrigin(uri)) {
            throw new FetchException(uri + " is not on the issuer's origin " + origin);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException(uri + " answered " + response.statusCode());
                }
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new FetchException(uri + " answered more than " + MAX_BODY_BYTES + " bytes");
                }
                return new Response(new String(bytes, StandardCharsets.UTF_8), Optional.empty());
            }
        } catch (IOException e) {
            throw new FetchException(
                    "request to " + uri + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", e);
        }
    }

    /** A long-lived response (Server-Sent Events): the time-out covers only the wait for its headers. */
    InputStream stream(URI uri, String authorization, long lastEventId) throws FetchException {
        return open(uri, Optional.of(authorization), Optional.of(lastEventId), false)
                .body();
    }

    private HttpResponse<InputStream> open(
            URI uri, Optional<String> authorization, Optional<Long> lastEventId, boolean bounded)
            throws FetchException {
        if (!sameOrigin(uri)) {
            throw new FetchException(uri + " is not on the issuer's origin " + origin);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (bounded) {
            request.timeout(timeout);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", Long.toString(id)));
        try {
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new FetchException(uri + " answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new FetchException(
                    "request to " + uri + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", e);
        }
    }

    boolean sameOrigin(URI uri) {
        return uri.getScheme() != null
                && uri.getScheme()
                        .toLowerCase(Locale.ROOT)
                        .equals(origin.getScheme().toLowerCase(Locale.ROOT))
                && uri.getHost() != null
                && uri.getHost().equalsIgnoreCase(origin.getHost())
                && port(uri) == port(origin);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
