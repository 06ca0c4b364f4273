/**
 * The WebAuthn ceremonies' cryptography through webauthn4j, behind the core's {@code PasskeyCeremonies}
 * port: the only package that sees webauthn4j, its Jackson 3 and its CBOR.
 */
@NullMarked
package dev.gatehouse.server.passkey;

import org.jspecify.annotations.NullMarked;
