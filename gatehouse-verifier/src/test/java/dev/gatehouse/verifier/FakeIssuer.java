package dev.gatehouse.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.jwt.AccessTokenClaims;
import dev.gatehouse.jwt.AccessTokenFormat;
import dev.gatehouse.jwt.AccessTokenType;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in issuer on a loopback port: metadata, a JWKS and the revocation feed (polling only; its
 * stream answers 404), each of which a test can break. Tokens are signed with keys the test controls.
 */
public final class FakeIssuer implements AutoCloseable {
    final HttpServer server;
    public final URI issuer;
    final List<ECKey> keys = new CopyOnWriteArrayList<>();
    final List<String> revocations = new CopyOnWriteArrayList<>();
    final AtomicInteger jwksFetches = new AtomicInteger();
    volatile int jwksStatus = 200;
    volatile String jwksOverride;
    volatile long jwksDelayMillis;
    volatile String jwksCacheControl = "public, max-age=300";
    volatile String jwksRedirect;
    volatile int feedStatus = 200;

    public FakeIssuer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        keys.add(newKey("k1"));
        server.createContext(
                "/.well-known/oauth-authorization-server",
                ex -> send(
                        ex,
                        200,
                        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\"}",
                        null));
        server.createContext("/.well-known/jwks.json", this::jwks);
        server.createContext("/v1/revocations/stream", ex -> send(ex, 404, "{}", null));
        server.createContext("/v1/revocations", this::feed);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** A verifier of this issuer's tokens for {@code audience}, without a feed: for adapter tests. */
    public GatehouseVerifier feedlessVerifier(String audience) {
        return GatehouseVerifier.builder()
                .issuer(issuer)
                .audience(audience)
                .withoutRevocationFeedUnsafe()
                .allowInsecureHttpForLocalDevelopment()
                .build();
    }

    /** A token of key {@code k1} for {@code audience}, valid for five minutes from now. */
    public String freshToken(String audience, String jti) {
        Instant now = Instant.now();
        return token("k1", audience, now, now.plusSeconds(300), Optional.of("s1"), jti);
    }

    /** A token of key {@code k1} for {@code audience} saying how ({@code amr}) and when its person signed in. */
    public String signedInToken(String audience, Instant issuedAt, List<String> amr, Instant authTime) {
        ECKey key =
                keys.stream().filter(k -> k.getKeyID().equals("k1")).findFirst().orElseThrow();
        var claims = new AccessTokenClaims(
                issuer.toString(),
                "ada",
                List.of(audience),
                "mobile",
                "read",
                Optional.of("s1"),
                "j-amr",
                issuedAt,
                issuedAt.plusSeconds(300),
                amr,
                Optional.of(authTime));
        return AccessTokenFormat.sign(claims, key, SigningAlgorithm.ES256, AccessTokenType.AT_JWT);
    }

    static ECKey newKey(String kid) throws Exception {
        return new ECKeyGenerator(Curve.P_256)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .generate();
    }

    public String token(
            String kid, String audience, Instant issuedAt, Instant expiresAt, Optional<String> sid, String jti) {
        return token(AccessTokenType.AT_JWT, kid, audience, issuedAt, expiresAt, sid, jti);
    }

    public String token(
            AccessTokenType type,
            String kid,
            String audience,
            Instant issuedAt,
            Instant expiresAt,
            Optional<String> sid,
            String jti) {
        ECKey key =
                keys.stream().filter(k -> k.getKeyID().equals(kid)).findFirst().orElseThrow();
        var claims = new AccessTokenClaims(
                issuer.toString(), "ada", List.of(audience), "mobile", "read write", sid, jti, issuedAt, expiresAt);
        return AccessTokenFormat.sign(claims, key, SigningAlgorithm.ES256, type);
    }

    public void revokeSession(String sid, Instant expiresAt) {
        revocations.add("{\"cursor\":" + (revocations.size() + 1) + ",\"sid\":\"" + sid + "\",\"revoked_at\":\""
                + Instant.EPOCH + "\",\"expires_at\":\"" + expiresAt + "\"}");
    }

    private void jwks(HttpExchange ex) throws IOException {
        jwksFetches.incrementAndGet();
        if (jwksDelayMillis > 0) {
            try {
                // A stalled issuer: hold the request without answering.
                new java.util.concurrent.CountDownLatch(1)
                        .await(jwksDelayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (jwksRedirect != null) {
            ex.getResponseHeaders().add("Location", jwksRedirect);
            send(ex, 302, "", null);
            return;
        }
        List<JWK> published =
                new ArrayList<>(keys.stream().map(ECKey::toPublicJWK).toList());
        String body = jwksOverride != null ? jwksOverride : new JWKSet(published).toString();
        send(ex, jwksStatus, body, jwksCacheControl);
    }

    private void feed(HttpExchange ex) throws IOException {
        if (feedStatus != 200) {
            send(ex, feedStatus, "{}", null);
            return;
        }
        String query = Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("");
        long after = Long.parseLong(query.replaceAll(".*after=(\\d+).*", "$1"));
        List<String> page = revocations.subList((int) Math.min(after, revocations.size()), revocations.size());
        send(
                ex,
                200,
                "{\"revocations\":[" + String.join(",", page) + "],\"next_cursor\":" + revocations.size()
                        + ",\"has_more\":false}",
                null);
    }

    private static void send(HttpExchange ex, int status, String body, String cacheControl) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (cacheControl != null) {
            ex.getResponseHeaders().add("Cache-Control", cacheControl);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
