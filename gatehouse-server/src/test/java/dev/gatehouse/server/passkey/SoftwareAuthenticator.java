package dev.gatehouse.server.passkey;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.RegistrationResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-built authenticator for the refusal tests: an ES256 key, authenticator data and client data
 * laid out byte by byte as W3C WebAuthn sections 5.8.1 and 6.1 describe, so a test can sign for any RP
 * ID, origin, challenge, counter and flags.
 */
final class SoftwareAuthenticator {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int UP = 0x01;
    private static final int UV = 0x04;
    private static final int BE = 0x08;
    private static final int BS = 0x10;
    private static final int AT = 0x40;

    private final KeyPair key;
    private final byte[] credentialId;
    private final boolean synced;

    SoftwareAuthenticator(byte[] credentialId, boolean synced) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.credentialId = credentialId.clone();
        this.synced = synced;
    }

    PasskeyId id() {
        return PasskeyId.of(credentialId);
    }

    RegistrationResponse register(String challenge, String origin, String rpId, boolean userVerified) {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        byte[] cose = new ObjectConverter()
                .getCborMapper()
                .writeValueAsBytes(EC2COSEKey.create((ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256));
        ByteArrayOutputStream attested = new ByteArrayOutputStream();
        attested.writeBytes(new byte[16]); // AAGUID: none
        attested.write(credentialId.length >> 8);
        attested.write(credentialId.length);
        attested.writeBytes(credentialId);
        attested.writeBytes(cose);
        byte[] authenticatorData = authenticatorData(rpId, flags(userVerified) | AT, 0, attested.toByteArray());
        Map<String, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", authenticatorData);
        byte[] attestationObject = new ObjectConverter().getCborMapper().writeValueAsBytes(attestation);
        return new RegistrationResponse(
                BASE64URL.encodeToString(clientData), BASE64URL.encodeToString(attestationObject), List.of("internal"));
    }

    AssertionResponse sign(
            String challenge,
            String origin,
            String rpId,
            boolean userVerified,
            long counter,
            Optional<String> userHandle) {
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] authenticatorData = authenticatorData(rpId, flags(userVerified), counter, new byte[0]);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA"); // ASN.1 DER, as WebAuthn ES256 wants
            signer.initSign(key.getPrivate());
            signer.update(authenticatorData);
            signer.update(sha256(clientData));
            return new AssertionResponse(
                    id(),
                    BASE64URL.encodeToString(clientData),
                    BASE64URL.encodeToString(authenticatorData),
                    BASE64URL.encodeToString(signer.sign()),
                    userHandle.map(h -> BASE64URL.encodeToString(h.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int flags(boolean userVerified) {
        return UP | (userVerified ? UV : 0) | (synced ? BE | BS : 0);
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                        + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** WebAuthn section 6.1: rpIdHash (32), flags (1), signCount (4, big-endian), then attested data. */
    private static byte[] authenticatorData(String rpId, int flags, long counter, byte[] attested) {
        return ByteBuffer.allocate(37 + attested.length)
                .put(sha256(rpId.getBytes(StandardCharsets.UTF_8)))
                .put((byte) flags)
                .putInt((int) counter)
                .put(attested)
                .array();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
