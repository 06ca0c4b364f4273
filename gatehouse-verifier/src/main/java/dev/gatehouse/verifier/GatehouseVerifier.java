package dev.gatehouse.verifier;

import dev.gatehouse.jwt.AccessTokenClaims;
import dev.gatehouse.jwt.AccessTokenFormat;
import dev.gatehouse.jwt.AccessTokenType;
import dev.gatehouse.jwt.Loopback;
import dev.gatehouse.jwt.Scopes;
import dev.gatehouse.jwt.TokenVerdict;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Gatehouse access tokens locally — no call to Gatehouse per request — and rejects those whose
 * session or token was revoked, by following Gatehouse's revocation feed.
 *
 * <pre>{@code
 * GatehouseVerifier verifier = GatehouseVerifier.builder()
 *         .issuer(URI.create("https://auth.example.com"))
 *         .audience("orders-api")
 *         .revocationFeedCredentials("orders", System.getenv("ORDERS_CLIENT_SECRET"))
 *         .build();
 * switch (verifier.verify(token)) {
 *     case VerificationResult.Verified v -> handle(v.token().subject());
 *     case VerificationResult.Rejected r -> respond401();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. Checks: compact JWS only, canonical base64url, at most 8 KiB and 8
 * levels of nesting; header only {@code alg}, {@code kid}, {@code typ: at+jwt} (or {@code JWT} exactly, when
 * built with {@link Builder#acceptPlainJwtTypeOnly()} for an issuer configured so); the key named by
 * {@code kid} from the issuer's JWKS, with the one algorithm that key is for; ECDSA r and s in range;
 * {@code iss} exactly the issuer, {@code aud} containing the audience, {@code exp}/{@code iat}/{@code nbf}
 * within the allowed skew; then the revocation feed. While the feed has been silent for longer than
 * {@link Builder#maxFeedStaleness}, tokens are rejected ({@link StalePolicy#FAIL_CLOSED}) unless told otherwise.
 */
public final class GatehouseVerifier implements AutoCloseable {
    private final String issuer;
    private final String audience;
    private final AccessTokenType tokenType;
    private final Duration skew;
    private final Duration maxStaleness;
    private final StalePolicy stalePolicy;
    private final Clock clock;
    private final JwksSource keys;
    private final @Nullable RevocationFollower feed;
    private final BoundedCache<VerifiedToken> cache;
    private final @Nullable SessionIntrospection sessionCookies;

    private GatehouseVerifier(Builder b) {
        URI issuerUri = Objects.requireNonNull(b.issuer, "issuer is required");
        this.issuer = issuerUri.toString();
        this.audience = Objects.requireNonNull(b.audience, "audience is required");
        this.tokenType = b.tokenType;
        this.skew = b.skew;
        this.maxStaleness = b.maxStaleness;
        this.stalePolicy = b.stalePolicy;
        this.clock = b.clock;
        HttpFetcher http = new HttpFetcher(issuerUri, b.timeout);
        this.keys = new JwksSource(issuerUri, http, clock, b.keyRefetchCooldown);
        this.feed = b.withoutFeed
                ? null
                : new RevocationFollower(issuerUri, http, basic(b.clientId, b.clientSecret), clock);
        this.cache = new BoundedCache<>(b.cacheSize, VerifiedToken::expiresAt);
        RevocationFollower follower = feed;
        this.sessionCookies = b.clientId == null || b.clientSecret == null
                ? null
                : new SessionIntrospection(
                        issuerUri,
                        http,
                        basic(b.clientId, b.clientSecret),
                        clock,
                        b.sessionCacheTtl,
                        b.cacheSize,
                        sid -> follower != null && follower.isSessionRevoked(sid));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies one access token. Never throws for a bad token; the result says why. */
    public VerificationResult verify(String token) {
        Instant now = clock.instant();
        if (feed != null && stalePolicy == StalePolicy.FAIL_CLOSED) {
            FeedStatus status = feed.status();
            if (status.staleness().map(s -> s.compareTo(maxStaleness) > 0).orElse(true)) {
                return new VerificationResult.Rejected(
                        RejectionReason.FEED_STALE,
                        status.staleness()
                                .map(s -> "revocation feed silent for %,d ms; allowed %d s"
                                        .formatted(s.toMillis(), maxStaleness.toSeconds()))
                                .orElse("revocation feed not reached yet"));
            }
        }
        Optional<VerifiedToken> cached = cache.get(token);
        if (cached.isPresent()) {
            return stillGood(cached.get(), now);
        }
        TokenVerdict verdict;
        try {
            verdict = AccessTokenFormat.verify(
                    token,
                    kid -> {
                        try {
                            return keys.find(kid);
                        } catch (JwksSource.KeysUnavailableException e) {
                            throw new KeysUnavailable(e.getMessage());
                        }
                    },
                    tokenType,
                    issuer,
                    audience,
                    skew,
                    now);
        } catch (KeysUnavailable e) {
            return new VerificationResult.Rejected(RejectionReason.KEYS_UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            // A token no rule foresaw must still be a rejection, never an exception in the caller's filter.
            return new VerificationResult.Rejected(
                    RejectionReason.MALFORMED,
                    "unreadable token (" + e.getClass().getSimpleName() + ")");
        }
        if (verdict instanceof TokenVerdict.Refused refused) {
            return new VerificationResult.Rejected(
                    RejectionReason.valueOf(refused.kind().name()), refused.reason());
        }
        VerifiedToken verified = principal(((TokenVerdict.Accepted) verdict).claims());
        cache.put(token, verified, now);
        return stillGood(verified, now);
    }

    /**
     * Checks a Gatehouse session cookie's value by introspection (this service must be a resource-server
     * client), remembered for the session cache time-to-live (5 s by default) unless the feed revokes it
     * sooner. Fails closed when Gatehouse cannot be asked.
     */
    public SessionCheckResult checkSessionCookie(String cookieValue) {
        if (sessionCookies == null) {
            return new SessionCheckResult.Inactive("no client credentials configured for introspection");
        }
        return sessionCookies.check(cookieValue);
    }

    /** How current the revocation feed is; empty when this verifier follows none. */
    public Optional<FeedStatus> feedStatus() {
        return Optional.ofNullable(feed).map(RevocationFollower::status);
    }

    private VerificationResult stillGood(VerifiedToken token, Instant now) {
        if (!now.isBefore(token.expiresAt().plus(skew))) {
            return new VerificationResult.Rejected(
                    RejectionReason.EXPIRED,
                    "expired %,d ms ago; allowed skew %d s"
                            .formatted(Duration.between(token.expiresAt(), now).toMillis(), skew.toSeconds()));
        }
        if (feed != null && feed.isRevoked(token.sessionId(), token.tokenId())) {
            return new VerificationResult.Rejected(RejectionReason.REVOKED, "session or token revoked");
        }
        return new VerificationResult.Verified(token);
    }

    private static VerifiedToken principal(AccessTokenClaims claims) {
        Set<String> scopes = Set.copyOf(Scopes.split(claims.scope()));
        return new VerifiedToken(
                claims.subject(),
                claims.sessionId(),
                claims.clientId(),
                scopes,
                claims.audience(),
                claims.jwtId(),
                claims.expiresAt(),
                claims.amr(),
                claims.authTime());
    }

    private static String basic(@Nullable String id, @Nullable String secret) {
        if (id == null || secret == null) {
            throw new VerifierException("revocationFeedCredentials(id, secret) is required; call"
                    + " withoutRevocationFeedUnsafe() to accept revoked tokens until they expire");
        }
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
    }

    /** Carries a key-fetch failure out of the key look-up, which cannot throw checked exceptions. */
    private static final class KeysUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeysUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** Builds a {@link GatehouseVerifier}; the issuer, the audience and feed credentials are required. */
    public static final class Builder {
        private @Nullable URI issuer;
        private @Nullable String audience;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private boolean withoutFeed;
        private boolean insecureHttp;
        private AccessTokenType tokenType = AccessTokenType.AT_JWT;
        private Duration skew = Duration.ofSeconds(60);
        private Duration maxStaleness = Duration.ofSeconds(30);
        private StalePolicy stalePolicy = StalePolicy.FAIL_CLOSED;
        private Duration timeout = Duration.ofSeconds(5);
        private Duration keyRefetchCooldown = Duration.ofSeconds(30);
        private int cacheSize = 10_000;
        private Duration sessionCacheTtl = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The issuer exactly as Gatehouse names it (its {@code GATEHOUSE_ISSUER}); https unless told otherwise. */
        public Builder issuer(URI issuer) {
            this.issuer = issuer;
            return this;
        }

        /** The audience this service is: tokens must name it in {@code aud}. */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** The resource-server client this service is registered as, to read the revocation feed. */
        public Builder revocationFeedCredentials(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        /** No revocation feed: a revoked session's tokens are accepted until they expire. */
        public Builder withoutRevocationFeedUnsafe() {
            this.withoutFeed = true;
            return this;
        }

        /**
         * Lets the issuer be plain {@code http} on a loopback host, for development only: {@code localhost},
         * an address in 127.0.0.0/8 written as four decimal octets, or {@code [::1]}. Decided from the text
         * alone, never through DNS (see {@link Loopback#isLoopbackHost(String)}).
         */
        public Builder allowInsecureHttpForLocalDevelopment() {
            this.insecureHttp = true;
            return this;
        }

        /**
         * Accepts tokens typed {@code JWT} instead of RFC 9068's {@code at+jwt}, and only those: for an issuer
         * run with {@code GATEHOUSE_ACCESS_TOKEN_TYPE=JWT} so that other resource servers (Spring's
         * {@code issuer-uri} set-up) accept its tokens too.
         */
        public Builder acceptPlainJwtTypeOnly() {
            this.tokenType = AccessTokenType.JWT;
            return this;
        }

        public Builder allowedClockSkew(Duration skew) {
            this.skew = requireRange(skew, Duration.ZERO, Duration.ofMinutes(5), "allowed clock skew");
            return this;
        }

        /** How long the feed may be silent before {@link StalePolicy} applies. 5 s to 10 min; default 30 s. */
        public Builder maxFeedStaleness(Duration staleness, StalePolicy policy) {
            this.maxStaleness =
                    requireRange(staleness, Duration.ofSeconds(5), Duration.ofMinutes(10), "feed staleness");
            this.stalePolicy = policy;
            return this;
        }

        /** The time-out of every request to the issuer. 100 ms to 60 s; default 5 s. */
        public Builder httpTimeout(Duration timeout) {
            this.timeout = requireRange(timeout, Duration.ofMillis(100), Duration.ofMinutes(1), "http timeout");
            return this;
        }

        /** The least time between two fetches of the key set for unknown kids. Default 30 s. */
        public Builder keyRefetchCooldown(Duration cooldown) {
            this.keyRefetchCooldown =
                    requireRange(cooldown, Duration.ZERO, Duration.ofHours(1), "key refetch cool-down");
            return this;
        }

        /** How many verified tokens to remember (0 turns the cache off). Default 10,000. */
        public Builder cacheSize(int size) {
            if (size < 0 || size > 10_000_000) {
                throw new VerifierException("cache size must be 0 to 10,000,000, was " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /** How long an introspected session cookie is trusted without asking again. 0 to 60 s; default 5 s. */
        public Builder sessionCacheTtl(Duration ttl) {
            this.sessionCacheTtl =
                    requireRange(ttl, Duration.ZERO, Duration.ofMinutes(1), "session cache time-to-live");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public GatehouseVerifier build() {
            if (issuer == null || audience == null || audience.isBlank()) {
                throw new VerifierException("issuer and audience are required");
            }
            String scheme = Optional.ofNullable(issuer.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            boolean loopback = Loopback.isLoopbackHost(issuer.getHost());
            if (!scheme.equals("https") && !(scheme.equals("http") && insecureHttp && loopback)) {
                throw new VerifierException("issuer must be https (plain http only on loopback with"
                        + " allowInsecureHttpForLocalDevelopment()): " + issuer);
            }
            return new GatehouseVerifier(this);
        }

        private static Duration requireRange(Duration value, Duration min, Duration max, String name) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new VerifierException(name + " must be " + min + " to " + max + ", was " + value);
            }
            return value;
        }
    }
}
