package dev.gatehouse.core.session;

/** A session just started, with the one copy of its token that will ever exist outside the client. */
public record NewSession(Session session, SessionToken token) {}
