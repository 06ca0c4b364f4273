package dev.gatehouse.core.passkey;

/** What became of registering a passkey. */
public sealed interface RegistrationOutcome {
    record Registered(Passkey passkey) implements RegistrationOutcome {}

    /** The challenge is unknown, expired, used, or was not this account's: begin again. */
    record ChallengeRefused(String reason) implements RegistrationOutcome {}

    /** The response did not verify, or its credential is registered already. */
    record Refused(String reason) implements RegistrationOutcome {}
}
