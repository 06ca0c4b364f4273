/**
 * What an account's e-mail address proves and allows: password reset, address verification and
 * address change, each through a single-use link whose token is stored only as its SHA-256 hash
 * ({@link EmailTokens}). The mails go through the outbox of {@code dev.gatehouse.core.mail}.
 */
@NullMarked
package dev.gatehouse.core.email;

import org.jspecify.annotations.NullMarked;
