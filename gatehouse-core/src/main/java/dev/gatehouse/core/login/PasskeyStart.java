package dev.gatehouse.core.login;

import dev.gatehouse.core.passkey.CeremonyStart;
import java.time.Duration;

/** What became of asking for a challenge to sign in with a passkey. */
public sealed interface PasskeyStart {

    /** The challenge, for the browser's WebAuthn call and its cookie. */
    record Started(CeremonyStart ceremony) implements PasskeyStart {}

    /** Too many sign-in attempts from this address; no challenge was stored. */
    record Throttled(Duration retryAfter) implements PasskeyStart {}
}
