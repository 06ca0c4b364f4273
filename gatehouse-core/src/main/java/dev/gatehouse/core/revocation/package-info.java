/**
 * The revocation feed: sessions and access tokens revoked before they expire, in cursor order, for
 * verifiers that check JWTs locally.
 */
@NullMarked
package dev.gatehouse.core.revocation;

import org.jspecify.annotations.NullMarked;
