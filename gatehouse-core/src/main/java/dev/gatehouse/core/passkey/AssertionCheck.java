package dev.gatehouse.core.passkey;

/** What the ceremony port found in an assertion, checked against the stored passkey. */
public sealed interface AssertionCheck {

    /** Signed by the passkey's key over this challenge, relying party and origin. */
    record Verified(long signatureCounter, boolean backupState, boolean userVerified) implements AssertionCheck {}

    /**
     * Signed right, but the signature counter did not move past the stored one: the authenticator may
     * have been cloned (WebAuthn section 6.1.1).
     */
    record CounterWentBackwards(long stored, long presented) implements AssertionCheck {}

    /** Malformed, a bad signature, or for another challenge, relying party or origin. */
    record Failed(String reason) implements AssertionCheck {}
}
