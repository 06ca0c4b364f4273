/**
 * The Gatehouse domain: accounts, sessions and the ports their stores implement.
 *
 * <p>Nothing here knows HTTP, SQL or Redis. Time comes from an injected {@link java.time.Clock} and
 * randomness from an injected {@link dev.gatehouse.core.secret.RandomSource}, so every rule can be
 * tested without sleeping.
 */
@NullMarked
package dev.gatehouse.core;

import org.jspecify.annotations.NullMarked;
