package dev.gatehouse.server.pages;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.account.HashingBusyException;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.CookieAuthentication;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.OAuthException;
import dev.gatehouse.server.http.ProblemException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every page route shares: rendering, who is signed in, the CSRF check of posted forms, and the
 * mapping of failures to pages (a person gets a page that says what happened, never problem JSON).
 * Each feature's routes ({@link SignInPages}, {@link AccountPages}) take one of these.
 */
public final class Pages {
    private static final System.Logger LOG = System.getLogger("gatehouse.pages");

    private final PageRenderer renderer;
    private final Assets assets;
    private final CookieAuthentication authentication;
    private final FormCsrf csrf;

    public Pages(PageRenderer renderer, Assets assets, CookieAuthentication authentication, FormCsrf csrf) {
        this.renderer = renderer;
        this.assets = assets;
        this.authentication = authentication;
        this.csrf = csrf;
    }

    public PageRenderer renderer() {
        return renderer;
    }

    public FormCsrf csrf() {
        return csrf;
    }

    public CookieAuthentication authentication() {
        return authentication;
    }

    /** The layout's data for a page titled {@code title}, seen by {@code caller} (when signed in). */
    public PageChrome chrome(String title, Optional<Caller> caller, List<Flash> flashes) {
        return new PageChrome(
                title,
                caller.map(c -> new PageChrome.SignedIn(
                        c.account().email().value(),
                        c.account().role() == Role.ADMIN,
                        c.token().csrfToken())),
                flashes,
                assets.stylesheetLink(),
                assets.scriptLink());
    }

    /** The signed-in caller, or a redirect to the sign-in page that comes back here afterwards. */
    public Caller requireCaller(ServerRequest request) {
        return authentication.identify(request).orElseThrow(() -> new SignInRequired(returnPathOf(request)));
    }

    /**
     * The signed-in caller of a posted form, after the form's CSRF token: a redirect to sign in without
     * a session, a 403 page when the token or origin is wrong.
     */
    public Caller requireCaller(ServerRequest request, FormBody form) {
        Caller caller = authentication.identify(request).orElseThrow(() -> new SignInRequired(Optional.empty()));
        csrf.checkSignedIn(request, form, caller.token()).ifPresent(reason -> {
            throw new FormRejected(reason);
        });
        return caller;
    }

    /** Refuses a form posted before sign-in whose CSRF token or origin is wrong. */
    public void requirePreSessionToken(ServerRequest request, FormBody form) {
        csrf.checkPreSession(request, form).ifPresent(reason -> {
            throw new FormRejected(reason);
        });
    }

    /** Where sign-in should bring the browser back to after an anonymous GET of a page. */
    private static Optional<String> returnPathOf(ServerRequest request) {
        if (!request.prologue().method().text().equals("GET")) {
            return Optional.empty();
        }
        String query = request.query().rawValue();
        return Optional.of(request.path().rawPath() + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * {@code handler} with its failures shown as pages: no session, a refused form, a throttle, a busy
     * password hasher, an unreachable store, a malformed form.
     */
    public Handler html(Handler handler) {
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } catch (SignInRequired e) {
                String target = ReturnTo.validate(e.returnTo())
                        .map(path -> "/login?return_to=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                        .orElse("/login");
                renderer.redirect(response, target);
            } catch (RedirectTo e) {
                renderer.redirect(response, e.target());
            } catch (FormRejected e) {
                error(
                        response,
                        403,
                        "This form was not accepted",
                        e.getMessage() + " Reload the page and send the form again.");
            } catch (HashingBusyException e) {
                response.header("Retry-After", Long.toString(seconds(e.retryAfter())));
                error(response, 503, "Gatehouse is busy", busyMessage(e.retryAfter()));
            } catch (StoreUnavailableException e) {
                LOG.log(Level.ERROR, "store unavailable: " + e.getMessage());
                error(response, 503, "Gatehouse is unavailable", "The store did not answer. Try again shortly.");
            } catch (OAuthException e) {
                error(response, 400, "This form was not understood", "Reload the page and send the form again.");
            } catch (ProblemException e) {
                e.headers().forEach(response::header);
                Optional<String> retryAfter = Optional.ofNullable(e.headers().get("Retry-After"));
                String message = e.problem().status() == 429 && retryAfter.isPresent()
                        ? throttledMessage(Duration.ofSeconds(Long.parseLong(retryAfter.get())))
                        : e.problem().detail();
                error(response, e.problem().status(), e.problem().title(), message);
            }
        };
    }

    /** What to say when every password check is taken. */
    public static String busyMessage(Duration retryAfter) {
        return "Gatehouse is checking many passwords right now. Try again in " + seconds(retryAfter) + " seconds.";
    }

    /** What to say after too many attempts, whatever their cause. */
    public static String throttledMessage(Duration retryAfter) {
        long seconds = seconds(retryAfter);
        String wait = seconds >= 120 ? (seconds + 59) / 60 + " minutes" : seconds + " seconds";
        return "Too many attempts. Wait " + wait + ", then try again.";
    }

    static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    /** An error page: {@code title} as heading, {@code message} saying what happened and what to do. */
    void error(ServerResponse response, int status, String title, String message) {
        renderer.send(
                response,
                status,
                "error.jte",
                new ErrorPage(chrome(title, Optional.empty(), List.of()), title, message));
    }

    /** An error page: what went wrong and what to do. */
    public record ErrorPage(PageChrome chrome, String heading, String message) {}

    /** Thrown where a page needs a signed-in person and the request has no live session. */
    static final class SignInRequired extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<String> returnTo;

        SignInRequired(Optional<String> returnTo) {
            super("sign-in required", null, false, false);
            this.returnTo = returnTo;
        }

        Optional<String> returnTo() {
            return returnTo;
        }
    }

    /** Thrown where a page must send the browser elsewhere first (an admin who must set up a second factor). */
    public static final class RedirectTo extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String target;

        /** @param target a same-origin path with its query */
        public RedirectTo(String target) {
            super("redirect", null, false, false);
            this.target = target;
        }

        String target() {
            return target;
        }
    }

    /** Thrown when a posted form fails the CSRF check. */
    static final class FormRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FormRejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
