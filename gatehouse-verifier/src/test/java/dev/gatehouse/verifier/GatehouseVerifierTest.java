package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.jwt.AccessTokenType;
import dev.gatehouse.testkit.Await;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatehouseVerifierTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final FakeIssuer issuer;
    private final List<GatehouseVerifier> verifiers = new ArrayList<>();

    GatehouseVerifierTest() throws Exception {
        issuer = new FakeIssuer();
    }

    @AfterEach
    void close() {
        verifiers.forEach(GatehouseVerifier::close);
        issuer.close();
    }

    private GatehouseVerifier.Builder builder() {
        return GatehouseVerifier.builder()
                .issuer(issuer.issuer)
                .audience("orders-api")
                .revocationFeedCredentials("orders", "secret")
                .allowInsecureHttpForLocalDevelopment()
                .httpTimeout(Duration.ofMillis(500))
                .clock(clock);
    }

    private GatehouseVerifier verifier() {
        return build(builder());
    }

    /** For tests about keys and claims that move the clock: no feed to go stale meanwhile. */
    private GatehouseVerifier feedless() {
        return build(builder().withoutRevocationFeedUnsafe());
    }

    private GatehouseVerifier build(GatehouseVerifier.Builder builder) {
        GatehouseVerifier verifier = builder.build();
        verifiers.add(verifier);
        return verifier;
    }

    private String token(String kid) {
        return issuer.token(
                kid,
                "orders-api",
                clock.instant(),
                clock.instant().plusSeconds(300),
                Optional.of("s1"),
                UUID.randomUUID().toString());
    }

    private static RejectionReason reason(VerificationResult result) {
        assertThat(result).isInstanceOf(VerificationResult.Rejected.class);
        return ((VerificationResult.Rejected) result).reason();
    }

    @Test
    void verifiesAValidTokenAndExposesThePrincipal() {
        VerificationResult result = verifier().verify(token("k1"));

        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, v -> {
            assertThat(v.token().subject()).isEqualTo("ada");
            assertThat(v.token().sessionId()).contains("s1");
            assertThat(v.token().scopes()).containsExactlyInAnyOrder("read", "write");
            assertThat(v.token().clientId()).isEqualTo("mobile");
        });
    }

    @Test
    void exposesHowAndWhenThePersonSignedIn() {
        Instant signedIn = clock.instant().minusSeconds(400);
        String multiFactor =
                issuer.signedInToken("orders-api", clock.instant(), List.of("pwd", "otp", "mfa"), signedIn);
        String passwordOnly = issuer.signedInToken("orders-api", clock.instant(), List.of("pwd"), clock.instant());
        GatehouseVerifier verifier =
                build(builder().withoutRevocationFeedUnsafe().httpTimeout(Duration.ofSeconds(10)));

        VerifiedToken strong = verified(verifier.verify(multiFactor));
        VerifiedToken weak = verified(verifier.verify(passwordOnly));
        VerifiedToken plain = verified(verifier.verify(token("k1")));

        assertThat(strong.authenticationMethods()).containsExactly("pwd", "otp", "mfa");
        assertThat(strong.authenticatedAt()).contains(signedIn);
        assertThat(strong.multiFactor()).isTrue();
        assertThat(strong.authenticatedWithin(Duration.ofMinutes(10), clock.instant()))
                .isTrue();
        assertThat(strong.authenticatedWithin(Duration.ofMinutes(5), clock.instant()))
                .isFalse();
        assertThat(weak.multiFactor()).isFalse();
        assertThat(plain.authenticationMethods()).isEmpty();
        assertThat(plain.authenticatedAt()).isEmpty();
    }

    private static VerifiedToken verified(VerificationResult result) {
        assertThat(result).as(result.toString()).isInstanceOf(VerificationResult.Verified.class);
        return ((VerificationResult.Verified) result).token();
    }

    @Test
    void rejectsAnotherAudienceAnExpiredTokenAndGarbage() {
        GatehouseVerifier verifier = feedless();
        String other = issuer.token(
                "k1", "billing-api", clock.instant(), clock.instant().plusSeconds(300), Optional.of("s1"), "j1");
        String token = token("k1");

        assertThat(reason(verifier.verify(other))).isEqualTo(RejectionReason.CLAIMS);
        assertThat(reason(verifier.verify("not.a.token"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(verifier.verify(token).isVerified()).isTrue();
        clock.advance(Duration.ofSeconds(360));
        // Cached or not, expiry is checked on every call.
        assertThat(reason(verifier.verify(token))).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void takesTokensTypedJwtOnlyWhenToldToAndThenOnlyThose() {
        GatehouseVerifier rfc9068 = feedless();
        GatehouseVerifier plainJwt =
                build(builder().withoutRevocationFeedUnsafe().acceptPlainJwtTypeOnly());
        String typedJwt = issuer.token(
                AccessTokenType.JWT,
                "k1",
                "orders-api",
                clock.instant(),
                clock.instant().plusSeconds(300),
                Optional.of("s1"),
                "j-jwt");
        String typedAtJwt = token("k1");

        assertThat(reason(rfc9068.verify(typedJwt))).isEqualTo(RejectionReason.HEADER);
        assertThat(rfc9068.verify(typedAtJwt).isVerified()).isTrue();
        assertThat(plainJwt.verify(typedJwt).isVerified()).isTrue();
        assertThat(reason(plainJwt.verify(typedAtJwt))).isEqualTo(RejectionReason.HEADER);
    }

    @Test
    void acceptsANewKeyAfterOneRefetchAndForgetsARemovedOne() throws Exception {
        GatehouseVerifier verifier = feedless();
        assertThat(verifier.verify(token("k1")).isVerified()).isTrue();
        int before = issuer.jwksFetches.get();

        issuer.keys.add(FakeIssuer.newKey("k2"));
        clock.advance(Duration.ofSeconds(31));

        assertThat(verifier.verify(token("k2")).isVerified()).isTrue();
        assertThat(issuer.jwksFetches.get()).isEqualTo(before + 1);

        String oldKeyToken = token("k1");
        issuer.keys.removeIf(k -> k.getKeyID().equals("k1"));
        clock.advance(Duration.ofSeconds(301));
        assertThat(reason(verifier.verify(oldKeyToken))).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void aThousandRandomKidsCauseAtMostACoupleOfFetches() throws Exception {
        GatehouseVerifier verifier = verifier();
        verifier.verify(token("k1"));
        int before = issuer.jwksFetches.get();

        for (int i = 0; i < 1000; i++) {
            String kid = "random-" + i;
            issuer.keys.add(FakeIssuer.newKey(kid));
            String forged = token(kid);
            issuer.keys.removeIf(k -> k.getKeyID().equals(kid));
            assertThat(verifier.verify(forged).isVerified()).isFalse();
        }

        assertThat(issuer.jwksFetches.get() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void failsClosedWithinTheTimeOutWhenTheKeysCannotBeFetched() {
        for (Runnable breakage : List.<Runnable>of(
                () -> issuer.jwksStatus = 500,
                () -> issuer.jwksOverride = "{not json",
                () -> issuer.jwksOverride = "{\"keys\":[],\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}",
                () -> issuer.jwksDelayMillis = 3_000,
                () -> issuer.jwksRedirect = "http://127.0.0.1:1/jwks.json")) {
            issuer.jwksStatus = 200;
            issuer.jwksOverride = null;
            issuer.jwksDelayMillis = 0;
            issuer.jwksRedirect = null;
            breakage.run();
            GatehouseVerifier verifier = feedless();
            long started = System.nanoTime();

            VerificationResult result = verifier.verify(token("k1"));

            assertThat(reason(result)).isIn(RejectionReason.KEYS_UNAVAILABLE, RejectionReason.UNKNOWN_KEY);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void rejectsTokensOfARevokedSessionOnceTheFeedSaysSo() {
        GatehouseVerifier verifier = verifier();
        String token = token("k1");
        assertThat(verifier.verify(token).isVerified()).isTrue();

        issuer.revokeSession("s1", clock.instant().plusSeconds(400));

        assertThat(Await.holdsWithin(
                        Duration.ofSeconds(10), () -> !verifier.verify(token).isVerified()))
                .isTrue();
        assertThat(reason(verifier.verify(token))).isEqualTo(RejectionReason.REVOKED);
        assertThat(verifier.feedStatus().orElseThrow().cursor()).isEqualTo(1);
    }

    @Test
    void failsClosedWhileTheFeedIsSilentUnlessToldOtherwise() {
        issuer.feedStatus = 503;
        GatehouseVerifier strict = verifier();
        GatehouseVerifier lenient =
                build(builder().maxFeedStaleness(Duration.ofSeconds(5), StalePolicy.ACCEPT_WHILE_STALE_UNSAFE));
        String token = token("k1");

        assertThat(reason(strict.verify(token))).isEqualTo(RejectionReason.FEED_STALE);
        assertThat(lenient.verify(token).isVerified()).isTrue();
        assertThat(strict.feedStatus().orElseThrow().lastSync()).isEmpty();
    }

    @Test
    void becomesStaleWhenTheFeedStopsAnswering() {
        GatehouseVerifier verifier = verifier();
        String token = token("k1");
        assertThat(verifier.verify(token).isVerified()).isTrue();

        issuer.feedStatus = 503;
        // A poll already under way may still succeed once; after that, silence makes the feed stale.
        assertThat(Await.holdsWithin(Duration.ofSeconds(5), () -> {
                    clock.advance(Duration.ofSeconds(31));
                    // Both read in one check: a poll finishing in between would reset the staleness.
                    return verifier.verify(token) instanceof VerificationResult.Rejected r
                            && r.reason() == RejectionReason.FEED_STALE
                            && verifier.feedStatus()
                                            .orElseThrow()
                                            .staleness()
                                            .orElseThrow()
                                            .toSeconds()
                                    >= 31;
                }))
                .isTrue();
    }

    @Test
    void sixteenThreadsOfMixedTokensNeverAcceptABadOne() throws Exception {
        GatehouseVerifier verifier = verifier();
        String good = token("k1");
        issuer.keys.add(FakeIssuer.newKey("attacker"));
        String forged = token("attacker");
        issuer.keys.removeIf(k -> k.getKeyID().equals("attacker"));
        String otherAudience = issuer.token(
                "k1", "billing-api", clock.instant(), clock.instant().plusSeconds(300), Optional.of("s1"), "j2");
        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");

        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    int accepted = 0;
                    for (int i = 0; i < 10_000; i++) {
                        String token = switch (i % 4) {
                            case 0 -> good;
                            case 1 -> forged;
                            case 2 -> otherAudience;
                            default -> tampered;
                        };
                        boolean ok = verifier.verify(token).isVerified();
                        if (ok && !token.equals(good)) {
                            throw new AssertionError("accepted a bad token");
                        }
                        accepted += ok ? 1 : 0;
                    }
                    return accepted;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(2_500);
            }
        }
    }

    @Test
    void refusesAPlainHttpIssuerUnlessForLocalDevelopmentAndRequiresFeedCredentials() {
        assertThatThrownBy(() -> GatehouseVerifier.builder()
                        .issuer(URI.create("http://auth.example.com"))
                        .audience("a")
                        .withoutRevocationFeedUnsafe()
                        .build())
                .isInstanceOf(VerifierException.class)
                .hasMessageContaining("https");
        assertThatThrownBy(() -> GatehouseVerifier.builder()
                        .issuer(URI.create("https://auth.example.com"))
                        .audience("a")
                        .build())
                .isInstanceOf(VerifierException.class)
                .hasMessageContaining("revocationFeedCredentials");
    }

    @Test
    void takesPlainHttpForLocalDevelopmentOnlyFromALoopbackHostNotFromANameThatStartsWith127() {
        for (String refused : List.of("http://127.evil.example", "http://127.0.0.1.evil.example:8080")) {
            assertThatThrownBy(() -> localDevelopmentVerifier(refused))
                    .as(refused)
                    .isInstanceOf(VerifierException.class)
                    .hasMessageContaining("https");
        }
        for (String allowed : List.of("http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080")) {
            verifiers.add(localDevelopmentVerifier(allowed));
        }
    }

    private static GatehouseVerifier localDevelopmentVerifier(String issuer) {
        return GatehouseVerifier.builder()
                .issuer(URI.create(issuer))
                .audience("a")
                .withoutRevocationFeedUnsafe()
                .allowInsecureHttpForLocalDevelopment()
                .build();
    }
}
