package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.key.KeyRing;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.key.SigningAlgorithm;
import dev.gatehouse.core.secret.RandomSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues RFC 9068 access tokens and verifies them strictly. Verification trusts nothing in the token
 * that decides how it is checked: the algorithm comes from the key the {@code kid} names (one per
 * key), the key from our own ring (never from {@code jwk}, {@code jku}, {@code x5u} or {@code x5c}),
 * and any header member we do not write is a rejection.
 */
public final class AccessTokenService {
    static final String TYPE = "at+jwt";
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");
    /** Order of the P-256 group (SEC 2, section 2.4.2): ECDSA's r and s must lie in [1, n-1]. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final KeyService keys;
    private final RevokedTokenStore revoked;
    private final String issuer;
    private final TokenPolicy policy;
    private final Clock clock;
    private final RandomSource random;
    private final TokenRevocationListener revocations;

    public AccessTokenService(
            KeyService keys,
            RevokedTokenStore revoked,
            String issuer,
            TokenPolicy policy,
            Clock clock,
            RandomSource random,
            TokenRevocationListener revocations) {
        this.keys = keys;
        this.revoked = revoked;
        this.issuer = issuer;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.revocations = revocations;
    }

    /** A service that tells nobody of revocations, for callers without a feed. */
    public AccessTokenService(
            KeyService keys,
            RevokedTokenStore revoked,
            String issuer,
            TokenPolicy policy,
            Clock clock,
            RandomSource random) {
        this(keys, revoked, issuer, policy, clock, random, TokenRevocationListener.NONE);
    }

    public TokenPolicy policy() {
        return policy;
    }

    /** Signs a token for {@code subject}, valid for the configured lifetime from now. */
    public IssuedAccessToken issue(
            String subject, Optional<String> sessionId, String clientId, List<String> audience, String scope) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(policy.accessTokenTtl());
        String jti = Base64.getUrlEncoder().withoutPadding().encodeToString(random.nextBytes(16));
        var claims = new AccessTokenClaims(issuer, subject, audience, clientId, scope, sessionId, jti, now, expires);
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .expirationTime(Date.from(expires))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .claim("client_id", clientId)
                .claim("scope", scope);
        sessionId.ifPresent(sid -> set.claim("sid", sid));
        KeyRing ring = keys.ring();
        JWK key = ring.activeKey();
        JWSHeader header = new JWSHeader.Builder(
                        JWSAlgorithm.parse(ring.activeAlgorithm().name()))
                .type(new JOSEObjectType(TYPE))
                .keyID(key.getKeyID())
                .build();
        String signingInput =
                header.toBase64URL() + "." + set.build().toPayload().toBase64URL();
        byte[] signature = JwsSignatures.sign(
                key, ring.activeAlgorithm(), header, signingInput.getBytes(StandardCharsets.US_ASCII));
        return new IssuedAccessToken(signingInput + "." + Base64URL.encode(signature), claims);
    }

    /** Checks a presented token for {@code audience}: structure, header, signature, claims, revocation. */
    public BearerCheck verify(String token, String audience) {
        Optional<CompactJws.Parts> parts = CompactJws.split(token);
        if (parts.isEmpty()) {
            return rejected("not a compact JWS of canonical base64url within " + CompactJws.MAX_LENGTH + " bytes");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new String(parts.get().headerJson(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return rejected("header is not a JSON object");
        }
        if (!HEADER_MEMBERS.containsAll(header.keySet())) {
            return rejected("header has members we never write: " + header.keySet());
        }
        if (!(header.get("typ") instanceof String typ)
                || !(typ.equalsIgnoreCase(TYPE) || typ.equalsIgnoreCase("application/" + TYPE))) {
            return rejected("typ is not at+jwt");
        }
        if (!(header.get("kid") instanceof String kid)) {
            return rejected("no kid");
        }
        Optional<KeyRing.PublishedKey> key = keys.ring().find(kid).filter(k -> k.state() != KeyState.NEXT);
        if (key.isEmpty()) {
            return rejected("unknown kid");
        }
        SigningAlgorithm algorithm = key.get().algorithm();
        if (!algorithm.name().equals(header.get("alg"))) {
            return rejected("alg is not the key's algorithm " + algorithm);
        }
        if (algorithm == SigningAlgorithm.ES256
                && !ecdsaSignatureInRange(parts.get().signatureBytes())) {
            return rejected("ECDSA signature is not 64 bytes with r and s in [1, n-1]");
        }
        JWTClaimsSet claims;
        try {
            JWSHeader jwsHeader = JWSHeader.parse(new Base64URL(parts.get().header()));
            byte[] signingInput =
                    (parts.get().header() + "." + parts.get().payload()).getBytes(StandardCharsets.US_ASCII);
            if (!JwsSignatures.verify(
                    key.get().publicKey(),
                    algorithm,
                    jwsHeader,
                    signingInput,
                    parts.get().signatureBytes())) {
                return rejected("bad signature");
            }
            claims = JWTClaimsSet.parse(new String(parts.get().payloadJson(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return rejected("unparsable token");
        }
        return checkClaims(claims, audience);
    }

    /** Records that the token with this id must no longer be accepted. */
    public void revoke(AccessTokenClaims claims) {
        revocations.tokenRevoked(claims.jwtId(), claims.expiresAt());
        revoked.revoke(claims.jwtId(), claims.expiresAt());
    }

    public int purgeRevocations() {
        return revoked.purgeExpired(clock.instant());
    }

    private BearerCheck checkClaims(JWTClaimsSet claims, String audience) {
        try {
            Instant now = clock.instant();
            Duration skew = policy.allowedClockSkew();
            if (!issuer.equals(claims.getIssuer())) {
                return rejected("wrong issuer");
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
                return rejected("not for audience " + audience);
            }
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            if (exp == null || iat == null) {
                return rejected("exp or iat missing");
            }
            if (!now.isBefore(exp.toInstant().plus(skew))) {
                return rejected("expired %,d ms ago; allowed skew %d s"
                        .formatted(Duration.between(exp.toInstant(), now).toMillis(), skew.toSeconds()));
            }
            if (iat.toInstant().isAfter(now.plus(skew))
                    || (claims.getNotBeforeTime() != null
                            && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew)))) {
                return rejected("issued or valid only in the future");
            }
            String subject = claims.getSubject();
            String jti = claims.getJWTID();
            String clientId = claims.getStringClaim("client_id");
            String scope = Optional.ofNullable(claims.getStringClaim("scope")).orElse("");
            if (subject == null || jti == null || clientId == null) {
                return rejected("sub, jti or client_id missing");
            }
            if (revoked.isRevoked(jti)) {
                return rejected("revoked jti");
            }
            return new BearerCheck.Valid(new AccessTokenClaims(
                    claims.getIssuer(),
                    subject,
                    claims.getAudience(),
                    clientId,
                    scope,
                    Optional.ofNullable(claims.getStringClaim("sid")),
                    jti,
                    iat.toInstant(),
                    exp.toInstant()));
        } catch (ParseException e) {
            return rejected("a claim has the wrong type");
        }
    }

    static boolean ecdsaSignatureInRange(byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(P256_ORDER) < 0 && s.compareTo(P256_ORDER) < 0;
    }

    private static BearerCheck rejected(String reason) {
        return new BearerCheck.Rejected(reason);
    }
}
