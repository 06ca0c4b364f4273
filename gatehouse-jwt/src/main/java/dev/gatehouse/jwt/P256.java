package dev.gatehouse.jwt;

import com.nimbusds.jose.jwk.ECKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ES256 verification with Bouncy Castle's optimised secp256r1 arithmetic. The caller has already
 * checked that the signature is 64 bytes with r and s in [1, n-1]; the public point is validated
 * (on the curve, not infinity) once per key and remembered.
 */
final class P256 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final int MAX_REMEMBERED_KEYS = 64;
    private static final Map<String, ECPublicKeyParameters> KEYS = new ConcurrentHashMap<>();

    private P256() {}

    static boolean verify(ECKey key, byte[] signingInput, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, publicKey(key));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return verifier.verifySignature(sha256(signingInput), r, s);
    }

    private static ECPublicKeyParameters publicKey(ECKey key) {
        String id = key.getX() + "." + key.getY();
        ECPublicKeyParameters known = KEYS.get(id);
        if (known != null) {
            return known;
        }
        var point = CURVE.getCurve()
                .validatePoint(key.getX().decodeToBigInteger(), key.getY().decodeToBigInteger());
        ECPublicKeyParameters parameters = new ECPublicKeyParameters(point, DOMAIN);
        if (KEYS.size() >= MAX_REMEMBERED_KEYS) {
            KEYS.clear();
        }
        KEYS.put(id, parameters);
        return parameters;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}
