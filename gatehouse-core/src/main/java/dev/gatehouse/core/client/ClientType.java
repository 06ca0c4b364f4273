package dev.gatehouse.core.client;

/** What kind of software a client is, which decides how it proves itself and what it may do. */
public enum ClientType {
    /** A mobile app or SPA of our own: no secret (it could not keep one), logs users in with their password. */
    FIRST_PARTY,
    /** A server that keeps a secret: service-to-service tokens. */
    CONFIDENTIAL,
    /** An API that verifies tokens and may introspect them: keeps a secret. */
    RESOURCE_SERVER;

    public boolean hasSecret() {
        return this != FIRST_PARTY;
    }
}
