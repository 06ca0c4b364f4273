package dev.gatehouse.core.passkey;

/**
 * The cryptography of the WebAuthn ceremonies (W3C WebAuthn sections 7.1 and 7.2): parsing the CBOR and
 * JSON, checking the challenge, the RP ID hash, the origin, the flags and the signature. It is a port so
 * that no JSON or CBOR library enters the core; {@link PasskeyService} keeps the rules around it (which
 * challenge, single use, expiry, whose credential, the counter, the audit).
 */
public interface PasskeyCeremonies {

    RegistrationCheck verifyRegistration(RegistrationResponse response, byte[] challenge);

    /**
     * @param userVerificationRequired whether the UV flag must be set: always for a sign-in without a
     *     password
     */
    AssertionCheck verifyAssertion(
            AssertionResponse response, byte[] challenge, Passkey passkey, boolean userVerificationRequired);
}
