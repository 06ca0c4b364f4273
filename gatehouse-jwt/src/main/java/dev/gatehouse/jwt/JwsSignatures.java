package dev.gatehouse.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
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
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Computing and checking a JWS signature over a signing input (RFC 7515 section 5). Signing ES256 and
 * RS256 goes through nimbus; verifying ES256 and both sides of EdDSA through Bouncy Castle's
 * lightweight API, whose optimised secp256r1 checks P-256 several times faster than the JDK's provider.
 */
final class JwsSignatures {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    /** ES256 signers by key id, each with the key it was made from; see {@link #es256Signer}. */
    private static final Map<String, PreparedSigner> ES256_SIGNERS = new ConcurrentHashMap<>();

    private static final int MAX_PREPARED_SIGNERS = 64;

    private record PreparedSigner(JWK key, ECDSASigner signer) {}

    private JwsSignatures() {}

    /** A prepared check of one key; false for any signature that does not verify, never an exception. */
    @FunctionalInterface
    interface Verifier {
        boolean verify(byte[] signingInput, byte[] signature);
    }

    static byte[] sign(JWK key, SigningAlgorithm algorithm, JWSHeader header, byte[] signingInput) {
        try {
            return switch (algorithm) {
                case ES256 -> lowS(es256Signer(key).sign(header, signingInput).decode());
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
     * The signer of {@code key}, prepared once: building one turns the JWK into a JCA private key (a
     * key factory and big-integer work on every token otherwise), and the prepared one draws its ECDSA
     * nonces from {@link ConcurrentSecureRandom} instead of a new NativePRNG per signature, whose
     * process-wide lock queued token requests at saturation. Nimbus's signers are thread-safe.
     */
    private static ECDSASigner es256Signer(JWK key) throws JOSEException {
        String id = Objects.requireNonNullElse(key.getKeyID(), "");
        PreparedSigner prepared = ES256_SIGNERS.get(id);
        if (prepared != null && (prepared.key() == key || prepared.key().equals(key))) {
            return prepared.signer();
        }
        ECDSASigner signer = new ECDSASigner(key.toECKey());
        signer.getJCAContext().setSecureRandom(ConcurrentSecureRandom.get());
        if (ES256_SIGNERS.size() >= MAX_PREPARED_SIGNERS) {
            ES256_SIGNERS.clear(); // keys are few and rotate rarely; this only bounds a misuse
        }
        ES256_SIGNERS.put(id, new PreparedSigner(key, signer));
        return signer;
    }

    /**
     * The one spelling of an ES256 signature: s replaced by n − s when it is above n / 2, which
     * verifies the same (see {@code AccessTokenFormat.P256_HALF_ORDER_BYTES}).
     */
    static byte[] lowS(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (s.compareTo(P256_HALF_ORDER) <= 0) {
            return signature;
        }
        byte[] low = P256_ORDER.subtract(s).toByteArray();
        byte[] fixed = Arrays.copyOf(signature, 64);
        Arrays.fill(fixed, 32, 64, (byte) 0);
        int length = Math.min(low.length, 32);
        System.arraycopy(low, low.length - length, fixed, 64 - length, length);
        return fixed;
    }

    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
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
