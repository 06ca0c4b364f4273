package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.session.SessionCheck;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/** Finds the caller behind a session cookie, and applies the CSRF defences to requests that change state. */
public final class CookieAuthentication {
    private final SessionService sessions;
    private final AccountService accounts;
    private final CsrfPolicy csrf;

    CookieAuthentication(SessionService sessions, AccountService accounts, CsrfPolicy csrf) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.csrf = csrf;
    }

    /** The caller, when the request carries the cookie of a live session of an unlocked account. */
    public Optional<Caller> identify(ServerRequest request) {
        List<String> cookies = request.headers().values(HeaderNames.COOKIE);
        Optional<SessionToken> token = SessionCookie.read(cookies);
        if (token.isEmpty() || !(sessions.check(token.get()) instanceof SessionCheck.Active active)) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(active.session().accountId()).filter(a -> !a.locked());
        return account.map(a -> new Caller(a, active.session(), token.get()));
    }

    /** The session token the request's cookie carries, live or not. */
    public Optional<SessionToken> presentedToken(ServerRequest request) {
        return SessionCookie.read(request.headers().values(HeaderNames.COOKIE));
    }

    /** The caller of a safe request, or a 401. */
    Caller require(ServerRequest request) {
        return identify(request).orElseThrow(() -> new ProblemException(Problem.authenticationRequired()));
    }

    /** The caller of a request that changes state: a 401 without a session, a 403 when CSRF checks fail. */
    Caller requireForUnsafe(ServerRequest request) {
        Caller caller = require(request);
        csrf.checkCookieRequest(
                        request.headers().first(HeaderNames.ORIGIN),
                        request.headers().first(HeaderNames.create("Sec-Fetch-Site")),
                        request.headers().first(HeaderNames.create(CsrfPolicy.TOKEN_HEADER)),
                        caller.token())
                .ifPresent(reason -> {
                    throw new ProblemException(Problem.csrfRejected(reason));
                });
        return caller;
    }

    /** Refuses a request whose origin headers show another site sent it (login CSRF). */
    void requireTrustedOrigin(ServerRequest request) {
        csrf.checkOrigin(
                        request.headers().first(HeaderNames.ORIGIN),
                        request.headers().first(HeaderNames.create("Sec-Fetch-Site")))
                .ifPresent(reason -> {
                    throw new ProblemException(Problem.csrfRejected(reason));
                });
    }
}
