package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionToken;

/** Who sent a request, as proven by a live session cookie. */
public record Caller(Account account, Session session, SessionToken token) {}
