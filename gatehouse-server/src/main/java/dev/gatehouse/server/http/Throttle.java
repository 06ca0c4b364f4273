package dev.gatehouse.server.http;

import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.limit.RateLimiter;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;
import java.util.Optional;

/**
 * The rate limits at the HTTP edge: checked before a request does any real work (no password is
 * hashed for a refused attempt), answered with 429, {@code Retry-After} and a problem that is the same
 * whatever the cause, so a lock-out does not reveal whether an account exists or the password was
 * right.
 */
final class Throttle {
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final AuditRecorder audit;

    Throttle(RateLimiter limiter, ClientAddresses addresses, AuditRecorder audit) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.audit = audit;
    }

    ClientAddresses addresses() {
        return addresses;
    }

    /** Counts the attempt; throws the 429 when it is one too many. */
    void attempt(ServerRequest request, LimitedAction action, Optional<String> identifier) {
        String address = addresses.of(request);
        Optional<String> normalised = identifier.map(Throttle::normalise);
        if (limiter.attempt(action, address, normalised) instanceof RateDecision.Refused refused) {
            audit.rateLimited(action, refused.cause(), address);
            throw new ProblemException(
                    Problem.tooManyRequests(),
                    Map.of("Retry-After", Long.toString(refused.retryAfter().toSeconds())));
        }
    }

    void loginFailed(String identifier) {
        String normalised = normalise(identifier);
        if (!limiter.loginFailed(normalised).isZero()) {
            audit.identifierLockedOut(
                    dev.gatehouse.core.secret.Sha256.hex(normalised).substring(0, 16));
        }
    }

    void loginSucceeded(String identifier) {
        limiter.clearFailures(normalise(identifier));
    }

    /** The same canonical form accounts use, so "Ada@Example.com" and "ada@example.com" share a count. */
    static String normalise(String identifier) {
        return EmailAddress.parse(identifier).map(EmailAddress::value).orElse(identifier.strip());
    }
}
