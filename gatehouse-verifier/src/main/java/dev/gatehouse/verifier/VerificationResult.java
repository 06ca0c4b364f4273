package dev.gatehouse.verifier;

/** The one result type of {@link GatehouseVerifier#verify}: no exception for a bad token, ever. */
public sealed interface VerificationResult {

    record Verified(VerifiedToken token) implements VerificationResult {}

    /** {@code detail} is for logs ("expired 1,204 ms ago; allowed skew 60 s"); never show it to a client. */
    record Rejected(RejectionReason reason, String detail) implements VerificationResult {}

    default boolean isVerified() {
        return this instanceof Verified;
    }
}
