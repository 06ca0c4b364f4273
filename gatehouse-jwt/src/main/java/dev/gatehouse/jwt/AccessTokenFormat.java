package dev.gatehouse.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Gatehouse access tokens (RFC 9068): how they are written, and the strict rules every verifier —
 * Gatehouse itself and the SDK — applies to them. Nothing in the token decides how it is checked: the
 * algorithm comes from the key the {@code kid} names, the key from the verifier's own set (never from
 * {@code jwk}, {@code jku}, {@code x5u} or {@code x5c}), and any header member Gatehouse does not write
 * is a refusal.
 */
public final class AccessTokenFormat {
    public static final String TYPE = "at+jwt";
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");
    /** Order of the P-256 group (SEC 2, section 2.4.2): ECDSA's r and s must lie in [1, n-1]. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private AccessTokenFormat() {}

    /** Signs {@code claims} with {@code key}: header {@code alg}, {@code typ: at+jwt}, {@code kid}. */
    public static String sign(AccessTokenClaims claims, JWK key, SigningAlgorithm algorithm) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .audience(claims.audience())
                .expirationTime(Date.from(claims.expiresAt()))
                .issueTime(Date.from(claims.issuedAt()))
                .jwtID(claims.jwtId())
                .claim("client_id", claims.clientId())
                .claim("scope", claims.scope());
        claims.sessionId().ifPresent(sid -> set.claim("sid", sid));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name()))
                .type(new JOSEObjectType(TYPE))
                .keyID(key.getKeyID())
                .build();
        String signingInput =
                header.toBase64URL() + "." + set.build().toPayload().toBase64URL();
        byte[] signature = JwsSignatures.sign(key, algorithm, header, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature);
    }

    /**
     * Checks structure, header, key, signature and claims ({@code iss} exact, {@code aud} containing
     * {@code audience}, {@code exp}/{@code iat}/{@code nbf} within {@code skew} of {@code now}).
     * Revocation is the caller's.
     */
    public static TokenVerdict verify(
            String token,
            Function<String, Optional<VerificationKey>> keys,
            String issuer,
            String audience,
            Duration skew,
            Instant now) {
        Optional<CompactJws.Parts> parts = CompactJws.split(token);
        if (parts.isEmpty()) {
            return refused(
                    Refusal.MALFORMED,
                    "not a compact JWS of canonical base64url within " + CompactJws.MAX_LENGTH + " bytes");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new String(parts.get().headerJson(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return refused(Refusal.MALFORMED, "header is not a JSON object");
        }
        if (!HEADER_MEMBERS.containsAll(header.keySet())) {
            return refused(Refusal.HEADER, "header has members Gatehouse never writes: " + header.keySet());
        }
        if (!(header.get("typ") instanceof String typ)
                || !(typ.equalsIgnoreCase(TYPE) || typ.equalsIgnoreCase("application/" + TYPE))) {
            return refused(Refusal.HEADER, "typ is not at+jwt");
        }
        if (!(header.get("kid") instanceof String kid)) {
            return refused(Refusal.HEADER, "no kid");
        }
        Optional<VerificationKey> key = keys.apply(kid);
        if (key.isEmpty()) {
            return refused(Refusal.UNKNOWN_KEY, "unknown kid");
        }
        SigningAlgorithm algorithm = key.get().algorithm();
        if (!algorithm.name().equals(header.get("alg"))) {
            return refused(Refusal.HEADER, "alg is not the key's algorithm " + algorithm);
        }
        if (algorithm == SigningAlgorithm.ES256
                && !ecdsaSignatureInRange(parts.get().signatureBytes())) {
            return refused(Refusal.BAD_SIGNATURE, "ECDSA signature is not 64 bytes with r and s in [1, n-1]");
        }
        try {
            byte[] signingInput =
                    (parts.get().header() + "." + parts.get().payload()).getBytes(StandardCharsets.US_ASCII);
            if (!key.get().verify(signingInput, parts.get().signatureBytes())) {
                return refused(Refusal.BAD_SIGNATURE, "bad signature");
            }
            JWTClaimsSet claims = JWTClaimsSet.parse(new String(parts.get().payloadJson(), StandardCharsets.UTF_8));
            return checkClaims(claims, issuer, audience, skew, now);
        } catch (ParseException e) {
            return refused(Refusal.MALFORMED, "unparsable token");
        }
    }

    private static TokenVerdict checkClaims(
            JWTClaimsSet claims, String issuer, String audience, Duration skew, Instant now) throws ParseException {
        if (!issuer.equals(claims.getIssuer())) {
            return refused(Refusal.CLAIMS, "wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return refused(Refusal.CLAIMS, "not for audience " + audience);
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            return refused(Refusal.CLAIMS, "exp or iat missing");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            return refused(
                    Refusal.EXPIRED,
                    "expired %,d ms ago; allowed skew %d s"
                            .formatted(Duration.between(exp.toInstant(), now).toMillis(), skew.toSeconds()));
        }
        if (iat.toInstant().isAfter(now.plus(skew))
                || (claims.getNotBeforeTime() != null
                        && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew)))) {
            return refused(Refusal.NOT_YET_VALID, "issued or valid only in the future");
        }
        String subject = claims.getSubject();
        String jti = claims.getJWTID();
        String clientId = claims.getStringClaim("client_id");
        String scope = Optional.ofNullable(claims.getStringClaim("scope")).orElse("");
        if (subject == null || jti == null || clientId == null) {
            return refused(Refusal.CLAIMS, "sub, jti or client_id missing");
        }
        return new TokenVerdict.Accepted(new AccessTokenClaims(
                claims.getIssuer(),
                subject,
                claims.getAudience(),
                clientId,
                scope,
                Optional.ofNullable(claims.getStringClaim("sid")),
                jti,
                iat.toInstant(),
                exp.toInstant()));
    }

    static boolean ecdsaSignatureInRange(byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(P256_ORDER) < 0 && s.compareTo(P256_ORDER) < 0;
    }

    private static TokenVerdict refused(Refusal kind, String reason) {
        return new TokenVerdict.Refused(kind, reason);
    }
}
