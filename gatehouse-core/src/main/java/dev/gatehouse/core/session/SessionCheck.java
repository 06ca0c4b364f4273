package dev.gatehouse.core.session;

/** What a presented session token turned out to be. */
public sealed interface SessionCheck {

    record Active(Session session) implements SessionCheck {}

    /** Unknown, expired or revoked: the caller cannot tell which, and need not. */
    record Invalid() implements SessionCheck {}
}
