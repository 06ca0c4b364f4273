/**
 * Signing keys for access tokens: generation, encryption at rest, the next → active → retired life,
 * and the in-memory {@link dev.gatehouse.core.key.KeyRing} the hot path signs and verifies with.
 */
@NullMarked
package dev.gatehouse.core.key;

import org.jspecify.annotations.NullMarked;
