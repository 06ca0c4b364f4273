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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Signs JWTs other than access tokens (OpenID Connect ID tokens, logout tokens) with the same keys and
 * the same header discipline as {@link AccessTokenFormat}: {@code alg}, {@code typ}, {@code kid} and
 * nothing else.
 */
public final class SignedJwt {
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");

    private SignedJwt() {}

    /**
     * The claims of {@code token} when it is one Gatehouse signed with one of {@code keys}, typed
     * exactly {@code type}: the same header rules as access tokens (the key the {@code kid} names decides
     * the algorithm; no member Gatehouse does not write). The claims themselves are the caller's to check.
     */
    public static Optional<Map<String, Object>> verifiedClaims(
            String token, String type, Function<String, Optional<VerificationKey>> keys) {
        Optional<CompactJws.Parts> parts = CompactJws.split(token);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header =
                    JSONObjectUtils.parse(new String(parts.get().headerJson(), StandardCharsets.UTF_8));
            if (header == null
                    || !HEADER_MEMBERS.containsAll(header.keySet())
                    || !type.equals(header.get("typ"))
                    || !(header.get("kid") instanceof String kid)) {
                return Optional.empty();
            }
            Optional<VerificationKey> key = keys.apply(kid);
            if (key.isEmpty() || !key.get().algorithm().name().equals(header.get("alg"))) {
                return Optional.empty();
            }
            if (key.get().algorithm() == SigningAlgorithm.ES256
                    && !AccessTokenFormat.ecdsaSignatureInRange(parts.get().signatureBytes())) {
                return Optional.empty();
            }
            byte[] signingInput =
                    (parts.get().header() + "." + parts.get().payload()).getBytes(StandardCharsets.US_ASCII);
            if (!key.get().verify(signingInput, parts.get().signatureBytes())) {
                return Optional.empty();
            }
            return Optional.ofNullable(
                    JSONObjectUtils.parse(new String(parts.get().payloadJson(), StandardCharsets.UTF_8)));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** {@code claims} signed with {@code key}, the header's {@code typ} being {@code type}. */
    public static String sign(JWTClaimsSet claims, String type, JWK key, SigningAlgorithm algorithm) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name()))
                .type(new JOSEObjectType(type))
                .keyID(key.getKeyID())
                .build();
        String signingInput = header.toBase64URL() + "." + claims.toPayload().toBase64URL();
        byte[] signature = JwsSignatures.sign(key, algorithm, header, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature);
    }
}
