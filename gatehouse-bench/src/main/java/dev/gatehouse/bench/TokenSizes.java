package dev.gatehouse.bench;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Duration;

/**
 * Prints what travels on every request: the session cookie and an access token per algorithm, with
 * the claims Gatehouse really issues. Run: {@code java -cp benchmarks.jar dev.gatehouse.bench.TokenSizes}.
 */
public final class TokenSizes {
    private TokenSizes() {}

    public static void main(String[] args) {
        String cookie =
                "__Host-gatehouse=" + SessionToken.random(RandomSource.secure()).reveal();
        System.out.printf("session cookie (Cookie header value): %d bytes%n", cookie.length());
        String setCookie = cookie + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age="
                + Duration.ofHours(8).toSeconds();
        System.out.printf("session cookie (Set-Cookie header value): %d bytes%n", setCookie.length());
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            String token = AccessTokenBenchmark.issue(AccessTokenBenchmark.service(algorithm))
                    .value();
            System.out.printf(
                    "access token %s: %d bytes (Authorization header value: %d bytes)%n",
                    algorithm, token.length(), ("Bearer " + token).length());
        }
    }
}
