package dev.gatehouse.core.session;

/** How a session was started, which decides its timeouts. */
public enum SessionKind {
    /** A browser login: the token is the session cookie. */
    BROWSER,
    /** An app's token login: the app holds refresh tokens; the session token itself is never handed out. */
    APP
}
