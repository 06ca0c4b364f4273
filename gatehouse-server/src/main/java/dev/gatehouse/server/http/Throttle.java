package dev.gatehouse.server.http;

import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.limit.RateLimiter;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rate limits at the HTTP edge: checked before a request does any real work, answered with 429,
 * {@code Retry-After} and a problem that is the same whatever the cause, so a lock-out does not
 * reveal whether an account exists or the password was right. The limiter records its refusals.
 */
public final class Throttle {
    private final RateLimiter limiter;
    private final ClientAddresses addresses;

    Throttle(RateLimiter limiter, ClientAddresses addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    public ClientAddresses addresses() {
        return addresses;
    }

    /** Counts the attempt; throws the 429 when it is one too many. */
    public void attempt(ServerRequest request, LimitedAction action, Optional<String> identifier) {
        refuseIfRefused(limiter.attempt(action, addresses.of(request), identifier.map(EmailAddress::identifier)));
    }

    /**
     * Runs {@code attempt} (a client authentication, say) unless the request's address has failed
     * {@code action} too often lately (then the 429); an attempt that fails with an OAuth error counts
     * against the address.
     */
    <T> T countingFailures(ServerRequest request, LimitedAction action, Supplier<T> attempt) {
        refuseIfRefused(limiter.checkFailures(action, addresses.of(request)));
        try {
            return attempt.get();
        } catch (OAuthException e) {
            failed(request, action);
            throw e;
        }
    }

    /** Throws the 429 when the request's address has failed {@code action} too often lately. */
    public void refuseAfterTooManyFailures(ServerRequest request, LimitedAction action) {
        refuseIfRefused(limiter.checkFailures(action, addresses.of(request)));
    }

    /** Counts a failed {@code action} from the request's address. */
    public void failed(ServerRequest request, LimitedAction action) {
        limiter.failed(action, addresses.of(request));
    }

    private static void refuseIfRefused(RateDecision decision) {
        if (decision instanceof RateDecision.Refused refused) {
            throw tooManyRequests(refused.retryAfter());
        }
    }

    static ProblemException tooManyRequests(Duration retryAfter) {
        return new ProblemException(
                Problem.tooManyRequests(), Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }
}
