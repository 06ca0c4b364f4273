package dev.gatehouse.core.client;

/** What kind of software a client is, which decides how it proves itself and what it may do. */
public enum ClientType {
    /** A mobile app or SPA of our own: no secret (it could not keep one), logs users in with their password. */
    FIRST_PARTY,
    /** A server that keeps a secret: service-to-service tokens. */
    CONFIDENTIAL,
    /** An API that verifies tokens and may introspect them: keeps a secret. */
    RESOURCE_SERVER,
    /** A server-side web app signing users in with OpenID Connect: keeps a secret (confidential). */
    WEB,
    /** A single-page or native app signing users in with OpenID Connect: no secret, PKCE only. */
    PUBLIC;

    public boolean hasSecret() {
        return this != FIRST_PARTY && this != PUBLIC;
    }

    /** Whether clients of this type sign users in through the browser (authorization code with PKCE). */
    public boolean signsInThroughBrowser() {
        return this == WEB || this == PUBLIC;
    }
}
