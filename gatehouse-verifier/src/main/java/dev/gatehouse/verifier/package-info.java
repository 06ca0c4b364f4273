/**
 * The Gatehouse verifier SDK for resource servers: {@link dev.gatehouse.verifier.GatehouseVerifier}
 * checks access tokens locally and follows the revocation feed.
 */
@NullMarked
package dev.gatehouse.verifier;

import org.jspecify.annotations.NullMarked;
