package dev.gatehouse.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Gatehouse access tokens (RFC 9068): how they are written, and the strict rules every verifier —
 * Gatehouse itself and the SDK — applies to them. Nothing in the token decides how it is checked: the
 * algorithm comes from the key the {@code kid} names, the key from the verifier's own set (never from
 * {@code jwk}, {@code jku}, {@code x5u} or {@code x5c}), and any header member Gatehouse does not write
 * is a refusal.
 */
public final class AccessTokenFormat {
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");
    /** Order of the P-256 group (SEC 2, section 2.4.2), big-endian: ECDSA's r and s must lie in [1, n-1]. */
    private static final byte[] P256_ORDER_BYTES =
            java.util.HexFormat.of().parseHex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    /**
     * ⌊n / 2⌋. For every ECDSA signature (r, s), (r, n − s) verifies too: Gatehouse signs with the low
     * s and accepts only it, so that each token has exactly one byte form (no second spelling to slip
     * past a cache, a revocation list keyed on the token, or a log comparison).
     */
    static final byte[] P256_HALF_ORDER_BYTES =
            java.util.HexFormat.of().parseHex("7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8");

    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    private AccessTokenFormat() {}

    /** Signs {@code claims} with {@code key}: header {@code alg}, {@code typ: at+jwt}, {@code kid}. */
    public static String sign(AccessTokenClaims claims, JWK key, SigningAlgorithm algorithm) {
        return sign(claims, key, algorithm, AccessTokenType.AT_JWT);
    }

    /** Signs {@code claims} with {@code key}: header {@code alg}, {@code typ} of {@code type}, {@code kid}. */
    public static String sign(AccessTokenClaims claims, JWK key, SigningAlgorithm algorithm, AccessTokenType type) {
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
        if (!claims.amr().isEmpty()) {
            set.claim("amr", claims.amr());
        }
        claims.authTime().ifPresent(at -> set.claim("auth_time", at.getEpochSecond()));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name()))
                .type(new JOSEObjectType(type.headerValue()))
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
        return verify(token, keys, AccessTokenType.AT_JWT, issuer, audience, skew, now);
    }

    /** As {@link #verify(String, Function, String, String, Duration, Instant)}, for tokens typed {@code type}. */
    public static TokenVerdict verify(
            String token,
            Function<String, Optional<VerificationKey>> keys,
            AccessTokenType type,
            String issuer,
            String audience,
            Duration skew,
            Instant now) {
        return verify(token, keys, type, issuer, audiences -> audiences.contains(audience), skew, now);
    }

    /**
     * As {@link #verify(String, Function, AccessTokenType, String, String, Duration, Instant)}, with the
     * {@code aud} check {@code audience}: for an endpoint of the issuer that serves tokens of any of its
     * clients, such as OpenID Connect's userinfo.
     */
    public static TokenVerdict verify(
            String token,
            Function<String, Optional<VerificationKey>> keys,
            AccessTokenType type,
            String issuer,
            Predicate<List<String>> audience,
            Duration skew,
            Instant now) {
        Optional<CompactJws.Parts> parts = CompactJws.split(token);
        if (parts.isEmpty()) {
            return refused(
                    Refusal.MALFORMED,
                    "not a compact JWS of canonical base64url within " + CompactJws.MAX_LENGTH + " bytes");
        }
        if (!looksLikeAnObject(parts.get().headerJson())
                || !looksLikeAnObject(parts.get().payloadJson())) {
            // The JSON parser below reads `null` as no map and `[]` as an empty one: refused first.
            return refused(Refusal.MALFORMED, "header or payload is not a JSON object");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new String(parts.get().headerJson(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return refused(Refusal.MALFORMED, "header is not a JSON object");
        }
        if (header == null) {
            // The JSON literal null parses to no map at all.
            return refused(Refusal.MALFORMED, "header is not a JSON object");
        }
        if (!HEADER_MEMBERS.containsAll(header.keySet())) {
            return refused(Refusal.HEADER, "header has members Gatehouse never writes: " + header.keySet());
        }
        if (!(header.get("typ") instanceof String typ) || !type.matches(typ)) {
            return refused(Refusal.HEADER, "typ is not " + type.headerValue());
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
            return refused(
                    Refusal.BAD_SIGNATURE, "ECDSA signature is not 64 bytes with r in [1, n-1] and s in [1, n/2]");
        }
        try {
            byte[] signingInput =
                    (parts.get().header() + "." + parts.get().payload()).getBytes(StandardCharsets.US_ASCII);
            if (!key.get().verify(signingInput, parts.get().signatureBytes())) {
                return refused(Refusal.BAD_SIGNATURE, "bad signature");
            }
            // Read straight from the parsed map: JWTClaimsSet would convert and copy every claim first.
            Map<String, Object> claims =
                    JSONObjectUtils.parse(new String(parts.get().payloadJson(), StandardCharsets.UTF_8));
            if (claims == null) {
                return refused(Refusal.MALFORMED, "payload is not a JSON object");
            }
            return checkClaims(claims, issuer, audience, skew, now);
        } catch (ParseException e) {
            return refused(Refusal.MALFORMED, "unparsable token");
        }
    }

    private static TokenVerdict checkClaims(
            Map<String, Object> claims, String issuer, Predicate<List<String>> audience, Duration skew, Instant now)
            throws ParseException {
        if (!issuer.equals(string(claims, "iss"))) {
            return refused(Refusal.CLAIMS, "wrong issuer");
        }
        List<String> audiences = audience(claims);
        if (!audience.test(audiences)) {
            return refused(Refusal.CLAIMS, "not for this audience");
        }
        Optional<Instant> exp = seconds(claims, "exp");
        Optional<Instant> iat = seconds(claims, "iat");
        if (exp.isEmpty() || iat.isEmpty()) {
            return refused(Refusal.CLAIMS, "exp or iat missing");
        }
        if (!now.isBefore(exp.get().plus(skew))) {
            return refused(
                    Refusal.EXPIRED,
                    "expired %,d ms ago; allowed skew %d s"
                            .formatted(Duration.between(exp.get(), now).toMillis(), skew.toSeconds()));
        }
        Optional<Instant> nbf = seconds(claims, "nbf");
        if (iat.get().isAfter(now.plus(skew)) || (nbf.isPresent() && nbf.get().isAfter(now.plus(skew)))) {
            return refused(Refusal.NOT_YET_VALID, "issued or valid only in the future");
        }
        String subject = string(claims, "sub");
        String jti = string(claims, "jti");
        String clientId = string(claims, "client_id");
        String scope = Optional.ofNullable(string(claims, "scope")).orElse("");
        if (subject == null || jti == null || clientId == null) {
            return refused(Refusal.CLAIMS, "sub, jti or client_id missing");
        }
        return new TokenVerdict.Accepted(new AccessTokenClaims(
                issuer,
                subject,
                audiences,
                clientId,
                scope,
                Optional.ofNullable(string(claims, "sid")),
                jti,
                iat.get(),
                exp.get(),
                strings(claims, "amr"),
                seconds(claims, "auth_time")));
    }

    /** An array-of-strings claim ({@code amr}, RFC 8176), empty when absent; anything else is malformed. */
    private static List<String> strings(Map<String, Object> claims, String name) throws ParseException {
        Object value = claims.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> many)) {
            throw new ParseException(name + " is not an array", 0);
        }
        List<String> strings = new ArrayList<>(many.size());
        for (Object item : many) {
            if (!(item instanceof String text)) {
                throw new ParseException(name + " holds a non-string", 0);
            }
            strings.add(text);
        }
        return strings;
    }

    /** A string claim, null when absent; any other type makes the token malformed. */
    private static String string(Map<String, Object> claims, String name) throws ParseException {
        Object value = claims.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new ParseException(name + " is not a string", 0);
    }

    /** {@code aud}: one string or an array of strings (RFC 7519 section 4.1.3). */
    private static List<String> audience(Map<String, Object> claims) throws ParseException {
        Object value = claims.get("aud");
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> many) {
            List<String> audiences = new ArrayList<>(many.size());
            for (Object item : many) {
                if (!(item instanceof String text)) {
                    throw new ParseException("aud holds a non-string", 0);
                }
                audiences.add(text);
            }
            return audiences;
        }
        throw new ParseException("aud is neither a string nor an array", 0);
    }

    /** A NumericDate claim (seconds since the epoch), empty when absent. */
    private static Optional<Instant> seconds(Map<String, Object> claims, String name) throws ParseException {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        // Up to the last second of year 9999: beyond it, adding the skew could overflow Instant.
        if (value instanceof Number number
                && number.doubleValue() >= 0
                && number.doubleValue() <= LAST_SECOND_OF_9999) {
            return Optional.of(Instant.ofEpochSecond(number.longValue()));
        }
        throw new ParseException(name + " is not a NumericDate from 1970 to 9999", 0);
    }

    /** Whether JSON text is an object: its first and last characters other than white space are braces. */
    static boolean looksLikeAnObject(byte[] json) {
        int first = 0;
        int last = json.length - 1;
        while (first <= last && isJsonWhiteSpace(json[first])) {
            first++;
        }
        while (last >= first && isJsonWhiteSpace(json[last])) {
            last--;
        }
        return first < last && json[first] == '{' && json[last] == '}';
    }

    /** RFC 8259 section 2: space, tab, line feed, carriage return. */
    private static boolean isJsonWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * The one spelling of a 64-byte ES256 signature that Gatehouse accepts (low s), for callers that
     * sign with another library: tests, benchmarks.
     */
    public static byte[] canonicalEs256Signature(byte[] signature) {
        return JwsSignatures.lowS(signature);
    }

    static boolean ecdsaSignatureInRange(byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        return inRange(signature, 0, P256_ORDER_BYTES, false) && inRange(signature, 32, P256_HALF_ORDER_BYTES, true);
    }

    /**
     * 0 < the 32-byte big-endian number at {@code offset} < {@code bound} (≤ when {@code inclusive}),
     * compared byte by byte, no allocation.
     */
    private static boolean inRange(byte[] signature, int offset, byte[] bound, boolean inclusive) {
        boolean zero = true;
        int order = 0; // <0: below the bound so far, >0: above, 0: equal so far
        for (int i = 0; i < 32; i++) {
            int b = signature[offset + i] & 0xff;
            zero &= b == 0;
            if (order == 0) {
                order = Integer.compare(b, bound[i] & 0xff);
            }
        }
        return !zero && (order < 0 || (inclusive && order == 0));
    }

    private static TokenVerdict refused(Refusal kind, String reason) {
        return new TokenVerdict.Refused(kind, reason);
    }
}
