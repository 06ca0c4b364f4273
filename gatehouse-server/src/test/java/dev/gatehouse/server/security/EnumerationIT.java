package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * A reset request does no hashing: both cases queue one outbox row and one audit event in one
     * commit, so the bound is a fifth of the request itself, or a millisecond on a quick machine. The
     * mail is the outbox worker's business, after the answer: each sample waits for the outbox to be
     * empty, so what is timed is the request alone.
     */
    @Test
    void passwordResetTellsNoExistingAccountFromAnUnknownOne() {
        assertIndistinguishable(
                email -> {
                    Await.until(
                            "the outbox is empty",
                            Duration.ofSeconds(10),
                            () -> server.gatehouse().mailOutbox().pending() == 0);
                    long start = System.nanoTime();
                    ApiClient.Response response = client().post("/v1/password-reset", Map.of("email", email));
                    return new Timed(response, System.nanoTime() - start);
                },
                // The request does the same work for every address (the look-up happens in the outbox
                // worker), so what this guards against is per-account work coming back into it: a
                // hash or a mail sent, tens of milliseconds. A request of ~10 ms on a loaded 2-core
                // machine jitters by a few (CI once saw 10.7 vs 13.4 ms, the unknown address slower).
                5_000_000);
    }

    /** A response and how long it took, when the attempt times itself. */
    private record Timed(ApiClient.Response response, long nanos) {}

    /** {@code attempt} against the existing address and fresh unknown ones, interleaved. */
    private static void assertIndistinguishable(Function<String, ApiClient.Response> attempt) {
        assertIndistinguishable(
                email -> {
                    long start = System.nanoTime();
                    ApiClient.Response response = attempt.apply(email);
                    return new Timed(response, System.nanoTime() - start);
                },
                0);
    }

    /**
     * As above; the medians may differ by a fifth of the slower one, or by {@code floorNanos} when that
     * is more (requests that cost a millisecond jitter by that much).
     */
    private static void assertIndistinguishable(Function<String, Timed> attempt, long floorNanos) {
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
                Timed timed = attempt.apply(isKnown ? existing : unknown());
                ApiClient.Response response = timed.response();
                long took = timed.nanos();
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
                .isLessThan(Math.max(hash * 0.2, floorNanos));
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
