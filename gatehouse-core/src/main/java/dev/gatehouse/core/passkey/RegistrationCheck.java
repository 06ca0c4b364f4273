package dev.gatehouse.core.passkey;

/** What the ceremony port found in a registration response. */
public sealed interface RegistrationCheck {

    /**
     * The response answers the challenge, for this relying party and origin, with the user verified.
     *
     * @param publicKeyCose the credential public key, a COSE_Key
     */
    record Verified(
            PasskeyId credentialId,
            byte[] publicKeyCose,
            long signatureCounter,
            boolean backupEligible,
            boolean backupState)
            implements RegistrationCheck {
        public Verified {
            publicKeyCose = publicKeyCose.clone();
        }

        @Override
        public byte[] publicKeyCose() {
            return publicKeyCose.clone();
        }
    }

    /** Malformed, for another challenge, relying party or origin, or without user verification. */
    record Failed(String reason) implements RegistrationCheck {}
}
