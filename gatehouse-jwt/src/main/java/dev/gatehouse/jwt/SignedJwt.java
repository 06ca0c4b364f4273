package dev.gatehouse.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;

/**
 * Signs JWTs other than access tokens (OpenID Connect ID tokens, logout tokens) with the same keys and
 * the same header discipline as {@link AccessTokenFormat}: {@code alg}, {@code typ}, {@code kid} and
 * nothing else.
 */
public final class SignedJwt {
    private SignedJwt() {}

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
