package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.PasswordConfirmation;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.pages.Flash;
import dev.gatehouse.server.pages.Pages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks for the password again before a sensitive act (rotating keys, deleting a user, creating a
 * client) when the session's last authentication is older than {@code window}: a session left open on
 * an unattended laptop cannot do these (OWASP ASVS 5.0 V7.5.3, re-authentication before sensitive
 * operations).
 *
 * <p>The last authentication is the later of the session's sign-in and the last time its password was
 * confirmed here. The confirmations are kept in this node's memory, keyed by session id and forgotten
 * once past the window: nothing to store, and the failure mode is safe — after a restart, or on another
 * node of a cluster, the console simply asks again.
 */
final class Reauthentication {
    /** The form field that carries the password. */
    static final String FIELD = "reauth_password";

    private final LoginService logins;
    private final Clock clock;
    private final Duration window;
    private final Map<SessionId, Instant> confirmed = new ConcurrentHashMap<>();

    Reauthentication(LoginService logins, Clock clock, Duration window) {
        this.logins = logins;
        this.clock = clock;
        this.window = window;
    }

    /** Whether {@code caller} must give the password before a sensitive act now. */
    boolean required(Caller caller) {
        Instant last = caller.session().createdAt();
        Instant again = confirmed.get(caller.session().id());
        if (again != null && again.isAfter(last)) {
            last = again;
        }
        return !clock.instant().isBefore(last.plus(window));
    }

    /** How long a sign-in counts as recent, for the page's words ("more than 10 minutes ago"). */
    String windowText() {
        long minutes = window.toMinutes();
        return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : window.toSeconds() + " seconds";
    }

    /**
     * Empty when the act may go ahead: the sign-in is recent, or the form carries the right password (then
     * remembered for this session). Otherwise why not, for the password form shown again.
     */
    Optional<Refusal> check(Caller caller, FormBody form, Actor actor) {
        if (!required(caller)) {
            return Optional.empty();
        }
        Optional<String> password = form.get(FIELD);
        if (password.isEmpty()) {
            return Optional.of(new Refusal(
                    403,
                    "Enter your password to continue: your last sign-in was more than " + windowText() + " ago.",
                    Optional.empty()));
        }
        return switch (logins.confirmPassword(caller.account(), new Password(password.get()), actor)) {
            case PasswordConfirmation.Confirmed ok -> {
                forgetExpired();
                confirmed.put(caller.session().id(), clock.instant());
                yield Optional.empty();
            }
            case PasswordConfirmation.Refused refused ->
                Optional.of(new Refusal(400, "That password is not right; nothing was changed.", Optional.empty()));
            case PasswordConfirmation.Throttled throttled ->
                Optional.of(new Refusal(
                        429, Pages.throttledMessage(throttled.retryAfter()), Optional.of(throttled.retryAfter())));
        };
    }

    private void forgetExpired() {
        Instant cutoff = clock.instant().minus(window);
        confirmed.values().removeIf(at -> at.isBefore(cutoff));
    }

    /**
     * Why a sensitive act did not go ahead.
     *
     * @param status the status of the page that shows the password form again
     * @param retryAfter for a throttled attempt, how long to wait
     */
    record Refusal(int status, String message, Optional<Duration> retryAfter) {
        List<Flash> flashes() {
            return List.of(Flash.error(message));
        }
    }
}
