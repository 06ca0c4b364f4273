/**
 * Passkeys (WebAuthn Level 2/3 public-key credentials): {@link Passkey} is a registered credential,
 * {@link PasskeyChallenge} a single-use ceremony challenge bound to one browser, and {@link PasskeyStore}
 * the port that keeps both. The ceremonies' cryptography sits behind a port of its own so that no JSON or
 * CBOR library enters the core.
 */
@NullMarked
package dev.gatehouse.core.passkey;

import org.jspecify.annotations.NullMarked;
