package dev.gatehouse.core.oidc;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.session.Session;
import java.util.List;

/**
 * The one place the ID token and userinfo read claims that other work owns, so that wiring them is a
 * one-line change each.
 */
public final class OidcClaims {
    private OidcClaims() {}

    /** {@code email_verified} (OpenID Connect Core 1.0 section 5.1). */
    public static boolean emailVerified(Account account) {
        // wired to Account.emailVerified() when the e-mail work lands
        return false;
    }

    /** {@code amr} (RFC 8176): how the session's user proved themselves. */
    public static List<String> amr(Session session) {
        // wired to the session's amr when the second-factor work lands
        return List.of("pwd");
    }
}
