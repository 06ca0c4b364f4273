package dev.gatehouse.server.http;

import dev.gatehouse.core.session.SessionToken;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The two CSRF defences for requests that change state.
 *
 * <ol>
 *   <li><b>Origin.</b> A browser names the page's origin in {@code Origin} on every unsafe
 *       request (and in {@code Sec-Fetch-Site} whether it is same-origin). When {@code Origin} is
 *       present it must be the issuer's origin or an allowed one ({@code null} never is); when only
 *       {@code Sec-Fetch-Site} is, it must be {@code same-origin}. With neither the sender is not a
 *       browser, so no victim's cookie can ride along: the token check below still applies. This
 *       alone guards login and sign-up against login CSRF.
 *   <li><b>Token.</b> A cookie-authenticated unsafe request must carry the session's CSRF token in
 *       {@code X-CSRF-Token}, which another site cannot read.
 * </ol>
 */
public final class CsrfPolicy {
    public static final String TOKEN_HEADER = "X-CSRF-Token";

    private final Set<String> trustedOrigins;

    public CsrfPolicy(String issuerOrigin, Iterable<String> allowedOrigins) {
        var origins = new java.util.HashSet<String>();
        origins.add(issuerOrigin);
        allowedOrigins.forEach(origins::add);
        this.trustedOrigins = Set.copyOf(origins);
    }

    /** Why the request's origin headers are refused, or empty when they pass. */
    public Optional<String> checkOrigin(Optional<String> origin, Optional<String> secFetchSite) {
        if (origin.isPresent()) {
            return trustedOrigins.contains(origin.get().strip().toLowerCase(Locale.ROOT))
                    ? Optional.empty()
                    : Optional.of("The request's Origin is not allowed.");
        }
        if (secFetchSite.isPresent()) {
            return secFetchSite.get().strip().equalsIgnoreCase("same-origin")
                    ? Optional.empty()
                    : Optional.of("The request is not same-origin.");
        }
        return Optional.empty();
    }

    /** Why a cookie-authenticated unsafe request is refused, or empty when it passes both defences. */
    public Optional<String> checkCookieRequest(
            Optional<String> origin, Optional<String> secFetchSite, Optional<String> csrfHeader, SessionToken session) {
        Optional<String> originProblem = checkOrigin(origin, secFetchSite);
        if (originProblem.isPresent()) {
            return originProblem;
        }
        if (csrfHeader.isEmpty() || !session.csrfTokenMatches(csrfHeader.get().strip())) {
            return Optional.of("The " + TOKEN_HEADER + " header is missing or wrong.");
        }
        return Optional.empty();
    }
}
