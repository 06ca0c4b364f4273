/**
 * Second factors: TOTP authenticator apps (RFC 6238) with their secret sealed under the master key, and
 * single-use recovery codes kept as keyed hashes. {@link SecondFactorService} has the use cases (enrol,
 * confirm, verify, regenerate, remove, reset), {@link SecondFactorStore} is the port.
 */
@NullMarked
package dev.gatehouse.core.factor;

import org.jspecify.annotations.NullMarked;
