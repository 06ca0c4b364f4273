package dev.gatehouse.core.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.key.KeyRing;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.jwt.SignedJwt;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs ID tokens (OpenID Connect Core 1.0 section 2) and logout tokens with the ring's
 * {@link KeyService#ID_TOKEN_ALGORITHM} key (RS256, which every relying party accepts), or its ES256 key
 * for a client registered for ES256 ID tokens; access tokens keep the configured algorithm. Typed {@code JWT} so that no verifier mistakes one for an access token
 * ({@code at+jwt}).
 */
public final class IdTokens {
    static final String TYPE = "JWT";
    static final String LOGOUT_TYPE = "logout+jwt";
    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final Duration LOGOUT_TOKEN_LIFETIME = Duration.ofMinutes(2);

    private final KeyService keys;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    public IdTokens(KeyService keys, String issuer, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The algorithm {@code client}'s ID and logout tokens are signed with: its choice, or RS256. */
    public static SigningAlgorithm algorithmFor(Client client) {
        return client.signIn().idTokenAlgorithm().orElse(KeyService.ID_TOKEN_ALGORITHM);
    }

    /** An ID token for {@code client} about the user of {@code session}. */
    public String issue(Client client, Session session, Optional<String> nonce) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(session.accountId().value())
                .audience(client.id().value())
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                // Section 2: when the user last authenticated: the sign-in, or a later step-up.
                .claim("auth_time", session.authTime().getEpochSecond())
                .claim("sid", session.id().value())
                .claim("amr", AuthenticationMethod.wireNames(session.amr()));
        nonce.ifPresent(n -> claims.claim("nonce", n));
        return sign(claims.build(), TYPE, algorithmFor(client));
    }

    /**
     * A logout token (OpenID Connect Back-Channel Logout 1.0 section 2.4): {@code iss aud iat exp jti},
     * the back-channel logout event, {@code sub} and {@code sid}, never a {@code nonce}; typed
     * {@code logout+jwt} (section 2.4, so it cannot pass for an ID token), short-lived.
     */
    public String logoutToken(
            ClientId client,
            SigningAlgorithm algorithm,
            String subject,
            dev.gatehouse.core.session.SessionId session,
            String jwtId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(client.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LOGOUT_TOKEN_LIFETIME)))
                .jwtID(jwtId)
                .subject(subject)
                .claim("sid", session.value())
                .claim("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()))
                .build();
        // Signed like the ID tokens: a relying party verifies both with the same decoder settings.
        return sign(claims, LOGOUT_TYPE, algorithm);
    }

    private String sign(JWTClaimsSet claims, String type, SigningAlgorithm algorithm) {
        return SignedJwt.sign(claims, type, keys.ring().activeKey(algorithm), algorithm);
    }

    /**
     * What an {@code id_token_hint} says (OpenID Connect RP-Initiated Logout 1.0 section 2): one of our
     * own ID tokens, signed with a published key and from this issuer. It may have expired: a user
     * signing out of an app a day later still holds the app's last ID token.
     */
    public Optional<IdTokenHint> readHint(String token) {
        KeyRing ring = keys.ring();
        return SignedJwt.verifiedClaims(
                        token,
                        TYPE,
                        kid -> ring.find(kid)
                                .filter(k -> k.state() != KeyState.NEXT)
                                .map(KeyRing.PublishedKey::verificationKey))
                .filter(claims -> issuer.equals(claims.get("iss")))
                .flatMap(IdTokens::hint);
    }

    private static Optional<IdTokenHint> hint(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        List<String> audience = aud instanceof String one
                ? List.of(one)
                : aud instanceof List<?> many
                        ? many.stream().map(String::valueOf).toList()
                        : List.of();
        if (!(claims.get("sub") instanceof String subject) || audience.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new IdTokenHint(
                subject,
                audience.get(0),
                claims.get("sid") instanceof String sid ? Optional.of(sid) : Optional.empty()));
    }
}
