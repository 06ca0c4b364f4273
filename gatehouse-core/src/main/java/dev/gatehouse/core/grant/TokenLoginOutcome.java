package dev.gatehouse.core.grant;

import dev.gatehouse.core.login.LoginOutcome;

/** What became of a first-party app's password login. */
public sealed interface TokenLoginOutcome {

    /** Signed in: the login and the app's first tokens. */
    record Issued(LoginOutcome.LoggedIn login, GrantOutcome.Issued tokens) implements TokenLoginOutcome {}

    /** Not signed in; the login use case's own answer. */
    record NotIssued(LoginOutcome outcome) implements TokenLoginOutcome {}
}
