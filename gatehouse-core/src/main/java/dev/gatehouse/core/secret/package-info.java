/** Randomness and hashing shared by every feature that mints or checks a secret. */
@NullMarked
package dev.gatehouse.core.secret;

import org.jspecify.annotations.NullMarked;
