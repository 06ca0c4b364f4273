package dev.gatehouse.server.pages;

import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.jwt.ConcurrentSecureRandom;
import dev.gatehouse.server.http.CsrfPolicy;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.SessionCookie;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CSRF defence for page forms, which post {@code application/x-www-form-urlencoded} and so cannot set
 * the {@code X-CSRF-Token} header the JSON API asks for. Two checks, both required:
 *
 * <ol>
 *   <li>The {@code Origin}/{@code Sec-Fetch-Site} check of {@link CsrfPolicy}: a form another site
 *       posts names that site.
 *   <li>A synchronizer token in the form's {@value #FIELD} field, compared in constant time. For a
 *       signed-in person it is the session's CSRF token (derived from the session cookie, the same
 *       one the API hands out). For the sign-in and sign-up forms, before any session exists, it is the
 *       value of a random pre-session cookie, {@value #COOKIE}, that the form page sets: another site
 *       can neither read it nor, thanks to the {@code __Host-} prefix, plant one from a sibling
 *       subdomain. That stops login CSRF (signing a victim in to the attacker's account).
 * </ol>
 */
public final class FormCsrf {
    public static final String FIELD = "csrf_token";
    static final String COOKIE = "__Host-gatehouse-form";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = ConcurrentSecureRandom.get();

    private final CsrfPolicy policy;

    public FormCsrf(CsrfPolicy policy) {
        this.policy = policy;
    }

    /**
     * The token for a form shown before sign-in: this browser's pre-session cookie, set now when it has
     * none. The cookie lives as long as the browser session, so two open tabs share one token.
     */
    public String preSessionToken(ServerRequest request, ServerResponse response) {
        Optional<String> present = preSessionCookie(request);
        if (present.isPresent()) {
            return present.get();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        response.headers()
                .add(HeaderNames.SET_COOKIE, COOKIE + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Lax");
        return token;
    }

    /** Why a form posted before sign-in is refused, or empty when it passes. */
    public Optional<String> checkPreSession(ServerRequest request, FormBody form) {
        Optional<String> origin = checkOrigin(request);
        if (origin.isPresent()) {
            return origin;
        }
        Optional<String> cookie = preSessionCookie(request);
        Optional<String> field = form.get(FIELD);
        if (cookie.isEmpty() || field.isEmpty() || !Sha256.constantTimeEquals(cookie.get(), field.get())) {
            return Optional.of("The form's token is missing or does not match this browser's.");
        }
        return Optional.empty();
    }

    /** Why a form posted by a signed-in person is refused, or empty when it passes. */
    public Optional<String> checkSignedIn(ServerRequest request, FormBody form, SessionToken session) {
        Optional<String> origin = checkOrigin(request);
        if (origin.isPresent()) {
            return origin;
        }
        Optional<String> field = form.get(FIELD);
        if (field.isEmpty() || !session.csrfTokenMatches(field.get())) {
            return Optional.of("The form's token is missing or does not belong to this session.");
        }
        return Optional.empty();
    }

    private Optional<String> checkOrigin(ServerRequest request) {
        return policy.checkOrigin(
                request.headers().first(HeaderNames.ORIGIN),
                request.headers().first(HeaderNames.create("Sec-Fetch-Site")));
    }

    private static Optional<String> preSessionCookie(ServerRequest request) {
        return SessionCookie.single(request.headers().values(HeaderNames.COOKIE), COOKIE)
                .filter(value -> FORMAT.matcher(value).matches());
    }
}
