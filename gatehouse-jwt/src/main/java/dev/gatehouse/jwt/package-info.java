/**
 * The Gatehouse access-token format (RFC 9068 JWTs) and the strict rules that check it, shared by the
 * server's core and the verifier SDK, with the one loopback check that both apply to plain-http issuers.
 * Depends on nothing else of Gatehouse.
 */
@NullMarked
package dev.gatehouse.jwt;

import org.jspecify.annotations.NullMarked;
