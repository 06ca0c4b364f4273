package dev.gatehouse.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.jwt.AccessTokenClaims;
import dev.gatehouse.jwt.AccessTokenFormat;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Metadata, a one-key JWKS and an empty revocation feed on loopback, for verifier benchmarks. */
final class LoopbackIssuer implements AutoCloseable {
    final URI issuer;
    final JWK key;
    final SigningAlgorithm algorithm;
    private final HttpServer server;

    LoopbackIssuer(SigningAlgorithm algorithm) throws Exception {
        this.algorithm = algorithm;
        this.key = switch (algorithm) {
            case ES256 ->
                new ECKeyGenerator(Curve.P_256)
                        .keyID("k")
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256)
                        .generate();
            case EdDSA -> ed25519();
            case RS256 ->
                new RSAKeyGenerator(2048)
                        .keyID("k")
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .generate();
        };
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext(
                "/.well-known/oauth-authorization-server",
                ex -> send(
                        ex,
                        200,
                        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\"}"));
        server.createContext("/.well-known/jwks.json", ex -> send(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/v1/revocations/stream", ex -> send(ex, 404, "{}"));
        server.createContext(
                "/v1/revocations", ex -> send(ex, 200, "{\"revocations\":[],\"next_cursor\":0,\"has_more\":false}"));
        server.start();
    }

    /** Through Bouncy Castle: nimbus's own Ed25519 generator needs Tink. */
    private static JWK ed25519() {
        var privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new OctetKeyPair.Builder(
                        Curve.Ed25519,
                        Base64URL.encode(privateKey.generatePublicKey().getEncoded()))
                .d(Base64URL.encode(privateKey.getEncoded()))
                .keyID("k")
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.EdDSA)
                .build();
    }

    String token(String audience) {
        Instant now = Instant.now();
        var claims = new AccessTokenClaims(
                issuer.toString(),
                "0c232112e25d185c452f0449e2b2538a",
                List.of(audience, issuer.toString()),
                "mobile",
                "",
                Optional.of("879443436fae97c630fbe7a05c351cf9"),
                UUID.randomUUID().toString(),
                now,
                now.plus(Duration.ofHours(1)));
        return AccessTokenFormat.sign(claims, key, algorithm);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
