/**
 * Signing in and what a signed-in person does with their own sessions and password: the one login
 * use case behind the cookie login, the token login and the hosted sign-in page (rate limits, the
 * password check, lock-out bookkeeping with device tokens, the session, the audit trail), logout,
 * "log out everywhere" and the password change that ends the other sessions. With a second factor a sign-in
 * has two steps: {@link dev.gatehouse.core.login.PendingLogins} holds the short-lived, single-use,
 * attempt-limited state between them (never a session), and {@code LoginService.completeLogin} ends it.
 * Step-up ({@code LoginService.stepUp}) records a fresh authentication on the session for sensitive acts.
 */
@NullMarked
package dev.gatehouse.core.login;

import org.jspecify.annotations.NullMarked;
