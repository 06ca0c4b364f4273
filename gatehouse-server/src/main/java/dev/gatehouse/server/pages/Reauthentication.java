package dev.gatehouse.server.pages;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.login.StepUpOutcome;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Step-up before a sensitive act (the admin console's key rotation, user deletion, client creation and
 * factor reset; the account's second-factor changes): when the session's last authentication is older
 * than {@code window}, or did not include the second factor the account has, the form must carry the
 * password again, and the authenticator app's code when the account has one (OWASP ASVS 5.0 V7.5.3, and
 * V6 for the second factor).
 *
 * <p>A confirmation goes through {@link StepUpService#stepUp}, which records it on the session itself
 * ({@code auth_time}, {@code amr}): every node of a cluster sees it, and tokens issued afterwards carry it.
 */
public final class Reauthentication {
    /** The form field that carries the password. */
    public static final String FIELD = "reauth_password";

    /** The form field that carries the authenticator app's code. */
    public static final String CODE_FIELD = "reauth_code";

    private final StepUpService stepUps;
    private final Duration window;

    public Reauthentication(StepUpService stepUps, Duration window) {
        this.stepUps = stepUps;
        this.window = window;
    }

    /** Whether {@code caller} must authenticate again before a sensitive act now. */
    public boolean required(Caller caller) {
        return !stepUps.recentlyAuthenticated(caller.session(), window);
    }

    /** How long a sign-in counts as recent, for the page's words ("more than 10 minutes ago"). */
    public String windowText() {
        long minutes = window.toMinutes();
        return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : window.toSeconds() + " seconds";
    }

    /**
     * Empty when the act may go ahead: the authentication is recent, or the form carries the right password
     * (and code). Otherwise why not, for the form shown again.
     */
    public Optional<Refusal> check(Caller caller, FormBody form, Actor actor) {
        if (!required(caller)) {
            return Optional.empty();
        }
        Optional<String> password = form.get(FIELD);
        if (password.isEmpty()) {
            return Optional.of(new Refusal(
                    403,
                    "Enter your password to continue (and your authenticator app's code, if you set one up): your last"
                            + " sign-in was more than " + windowText() + " ago.",
                    Optional.empty()));
        }
        Optional<String> code = form.get(CODE_FIELD).filter(c -> !c.isBlank());
        return switch (stepUps.stepUp(caller.account(), caller.session(), new Password(password.get()), code, actor)) {
            case StepUpOutcome.Confirmed ok -> Optional.empty();
            case StepUpOutcome.Refused refused ->
                Optional.of(new Refusal(
                        400,
                        code.isEmpty()
                                ? "That password is not right; nothing was changed."
                                : "That password or code is not right; nothing was changed.",
                        Optional.empty()));
            case StepUpOutcome.Throttled throttled ->
                Optional.of(new Refusal(
                        429, Pages.throttledMessage(throttled.retryAfter()), Optional.of(throttled.retryAfter())));
        };
    }

    /**
     * Why a sensitive act did not go ahead.
     *
     * @param status the status of the page that shows the password form again
     * @param retryAfter for a throttled attempt, how long to wait
     */
    public record Refusal(int status, String message, Optional<Duration> retryAfter) {
        public List<Flash> flashes() {
            return List.of(Flash.error(message));
        }
    }
}
