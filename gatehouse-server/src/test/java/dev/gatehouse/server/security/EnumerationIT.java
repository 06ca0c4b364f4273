package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack class: account enumeration. For an existing and an unknown address, sign-up, cookie login and
 * token login give the same status and body, and take the same time: the medians of interleaved
 * samples (so drift in the machine's load hits both alike) differ by less than a fifth of a password
 * hash, which is what a skipped hash would cost.
 */
class EnumerationIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final int SAMPLES = 31;

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;
    static String existing;

    @BeforeAll
    static void start() {
        server = RunningGatehouse.start(dataDirectory, Map.of());
        server.gatehouse()
                .clients()
                .create(new ClientId("mobile"), ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN), List.of());
        existing = "known-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(existing, PASSWORD).status()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void cookieLoginTellsNoExistingAccountFromAnUnknownOne() {
        assertIndistinguishable(email -> client().login(email, "not the right password"));
    }

    @Test
    void tokenLoginTellsNoExistingAccountFromAnUnknownOne() {
        assertIndistinguishable(email -> client().post(
                        "/v1/tokens",
                        Map.of("email", email, "password", "not the right password", "client_id", "mobile")));
    }

    @Test
    void signUpTellsNoExistingAccountFromANewOne() {
        assertIndistinguishable(email -> client().signUp(email, PASSWORD));
    }

    /** {@code attempt} against the existing address and fresh unknown ones, interleaved. */
    private static void assertIndistinguishable(Function<String, ApiClient.Response> attempt) {
        for (int i = 0; i < 3; i++) { // warm both paths up
            attempt.apply(existing);
            attempt.apply(unknown());
        }
        long[] known = new long[SAMPLES];
        long[] unknown = new long[SAMPLES];
        ApiClient.Response knownResponse = null;
        ApiClient.Response unknownResponse = null;
        for (int i = 0; i < SAMPLES; i++) {
            boolean knownFirst = i % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isKnown = (turn == 0) == knownFirst;
                long start = System.nanoTime();
                ApiClient.Response response = attempt.apply(isKnown ? existing : unknown());
                long took = System.nanoTime() - start;
                if (isKnown) {
                    known[i] = took;
                    knownResponse = response;
                } else {
                    unknown[i] = took;
                    unknownResponse = response;
                }
            }
        }

        assertThat(unknownResponse.status()).isEqualTo(knownResponse.status());
        assertThat(unknownResponse.body()).isEqualTo(knownResponse.body());
        double knownMedian = median(known);
        double unknownMedian = median(unknown);
        double hash = Math.max(knownMedian, unknownMedian);
        System.out.printf("medians: existing %.1f ms, unknown %.1f ms%n", knownMedian / 1e6, unknownMedian / 1e6);
        assertThat(Math.abs(knownMedian - unknownMedian))
                .as(
                        "median %.1f ms for the existing account vs %.1f ms for unknown ones",
                        knownMedian / 1e6, unknownMedian / 1e6)
                .isLessThan(hash * 0.2);
    }

    private static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String unknown() {
        return "unknown-" + UUID.randomUUID() + "@example.com";
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }
}
