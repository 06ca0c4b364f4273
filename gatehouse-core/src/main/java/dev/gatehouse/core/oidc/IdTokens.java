package dev.gatehouse.core.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.key.KeyRing;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.jwt.SignedJwt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

/**
 * Signs ID tokens (OpenID Connect Core 1.0 section 2) with the same keys as access tokens, typed
 * {@code JWT} so that no verifier mistakes one for an access token ({@code at+jwt}).
 */
public final class IdTokens {
    static final String TYPE = "JWT";

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

    /** An ID token for {@code client} about the user of {@code session}. */
    public String issue(ClientId client, Session session, Optional<String> nonce) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(session.accountId().value())
                .audience(client.value())
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                // Section 2: the time of the sign-in, which is when the browser session began.
                .claim("auth_time", session.createdAt().getEpochSecond())
                .claim("sid", session.id().value())
                .claim("amr", OidcClaims.amr(session));
        nonce.ifPresent(n -> claims.claim("nonce", n));
        KeyRing ring = keys.ring();
        return SignedJwt.sign(claims.build(), TYPE, ring.activeKey(), ring.activeAlgorithm());
    }
}
