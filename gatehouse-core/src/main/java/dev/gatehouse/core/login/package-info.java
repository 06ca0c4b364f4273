/**
 * Signing in and what a signed-in person does with their own sessions and password: the one login
 * use case behind the cookie login, the token login and the hosted sign-in page (rate limits, the
 * password check, lock-out bookkeeping with device tokens, the session, the audit trail), logout,
 * "log out everywhere" and the password change that ends the other sessions.
 */
@NullMarked
package dev.gatehouse.core.login;

import org.jspecify.annotations.NullMarked;
