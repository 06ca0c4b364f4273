package dev.gatehouse.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * Computing and checking a JWS signature over a signing input (RFC 7515 section 5). RS256 goes through
 * nimbus; both sides of ES256 and EdDSA through Bouncy Castle's lightweight API, whose optimised
 * secp256r1 signs P-256 in about half the time of the JDK's provider and checks it several times faster.
 */
final class JwsSignatures {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    /** ES256 private keys by key id, each with the JWK it was made from; see {@link #es256Key}. */
    private static final Map<String, PreparedKey> ES256_KEYS = new ConcurrentHashMap<>();

    private static final int MAX_PREPARED_KEYS = 64;

    private record PreparedKey(JWK key, ECPrivateKeyParameters privateKey) {}

    private JwsSignatures() {}

    /** A prepared check of one key; false for any signature that does not verify, never an exception. */
    @FunctionalInterface
    interface Verifier {
        boolean verify(byte[] signingInput, byte[] signature);
    }

    static byte[] sign(JWK key, SigningAlgorithm algorithm, JWSHeader header, byte[] signingInput) {
        try {
            return switch (algorithm) {
                case ES256 -> es256Sign(es256Key(key), signingInput);
                case RS256 ->
                    new RSASSASigner(key.toRSAKey()).sign(header, signingInput).decode();
                case EdDSA -> {
                    Ed25519Signer signer = new Ed25519Signer();
                    signer.init(true, new Ed25519PrivateKeyParameters(((OctetKeyPair) key).getDecodedD(), 0));
                    signer.update(signingInput, 0, signingInput.length);
                    yield signer.generateSignature();
                }
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * ECDSA over SHA-256 with the nonce derived from the key and the message (RFC 6979), so that no
     * signature depends on a random source being healthy and none waits on one's lock; then the low-s
     * spelling. In the load suite the JDK's provider (through nimbus) spent 130 µs of the 190 µs of CPU
     * a client-credentials request cost; this takes about 70 (docs/benchmarks.md, "Access tokens").
     */
    private static byte[] es256Sign(ECPrivateKeyParameters key, byte[] signingInput) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(sha256(signingInput));
        byte[] signature = new byte[64];
        BigIntegers.asUnsignedByteArray(rs[0], signature, 0, 32);
        BigIntegers.asUnsignedByteArray(lowS(rs[1]), signature, 32, 32);
        return signature;
    }

    /**
     * The private key of {@code key}, prepared once: decoding the JWK and checking its curve on every
     * token would repeat the same big-integer work. Only P-256 keys with their private part sign ES256.
     */
    private static ECPrivateKeyParameters es256Key(JWK key) {
        String id = Objects.requireNonNullElse(key.getKeyID(), "");
        PreparedKey prepared = ES256_KEYS.get(id);
        if (prepared != null && (prepared.key() == key || prepared.key().equals(key))) {
            return prepared.privateKey();
        }
        if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || ec.getD() == null) {
            throw new IllegalStateException("signing failed: an ES256 key is a private P-256 key");
        }
        BigInteger d = ec.getD().decodeToBigInteger();
        if (d.signum() <= 0 || d.compareTo(P256_ORDER) >= 0) {
            throw new IllegalStateException("signing failed: the P-256 private key is out of range");
        }
        ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(d, P256_DOMAIN);
        if (ES256_KEYS.size() >= MAX_PREPARED_KEYS) {
            ES256_KEYS.clear(); // keys are few and rotate rarely; this only bounds a misuse
        }
        ES256_KEYS.put(id, new PreparedKey(key, privateKey));
        return privateKey;
    }

    /**
     * The one spelling of an ES256 signature: s replaced by n − s when it is above n / 2, which
     * verifies the same (see {@code AccessTokenFormat.P256_HALF_ORDER_BYTES}).
     */
    static byte[] lowS(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        BigInteger low = lowS(s);
        if (low == s) {
            return signature;
        }
        byte[] fixed = Arrays.copyOf(signature, 64);
        BigIntegers.asUnsignedByteArray(low, fixed, 32, 32);
        return fixed;
    }

    private static BigInteger lowS(BigInteger s) {
        return s.compareTo(P256_HALF_ORDER) <= 0 ? s : P256_ORDER.subtract(s);
    }

    private static final BigInteger P256_ORDER = P256.getN();
    private static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);

    /** ES256: the public point is validated here, once (on the curve, not infinity). */
    static Verifier es256(ECKey key) {
        var point = P256.getCurve()
                .validatePoint(key.getX().decodeToBigInteger(), key.getY().decodeToBigInteger());
        ECPublicKeyParameters publicKey = new ECPublicKeyParameters(point, P256_DOMAIN);
        return (input, signature) -> {
            if (signature.length != 64) {
                return false;
            }
            var verifier = new org.bouncycastle.crypto.signers.ECDSASigner();
            verifier.init(false, publicKey);
            return verifier.verifySignature(
                    sha256(input),
                    new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
                    new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
        };
    }

    static Verifier ed25519(OctetKeyPair key) {
        Ed25519PublicKeyParameters publicKey = new Ed25519PublicKeyParameters(key.getDecodedX(), 0);
        return (input, signature) -> {
            if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, publicKey);
            verifier.update(input, 0, input.length);
            return verifier.verifySignature(signature);
        };
    }

    static Verifier rs256(RSAKey key) throws JOSEException {
        RSASSAVerifier verifier = new RSASSAVerifier(key);
        JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
        return (input, signature) -> {
            try {
                return verifier.verify(header, input, Base64URL.encode(signature));
            } catch (JOSEException e) {
                return false;
            }
        };
    }

    /** Verifies with a key prepared on the spot: for tests and one-off checks, not the hot path. */
    static boolean verify(
            JWK key, SigningAlgorithm algorithm, JWSHeader header, byte[] signingInput, byte[] signature) {
        try {
            return VerificationKey.of(key, algorithm).verify(signingInput, signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}
