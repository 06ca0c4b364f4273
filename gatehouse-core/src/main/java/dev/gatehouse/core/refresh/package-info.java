/**
 * Refresh tokens: families bound to a session and a client, rotated on every use, with reuse
 * detection and a grace window for the immediate predecessor.
 */
@NullMarked
package dev.gatehouse.core.refresh;

import org.jspecify.annotations.NullMarked;
