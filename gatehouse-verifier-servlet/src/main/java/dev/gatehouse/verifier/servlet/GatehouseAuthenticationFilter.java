package dev.gatehouse.verifier.servlet;

import dev.gatehouse.jwt.BearerToken;
import dev.gatehouse.verifier.GatehouseVerifier;
import dev.gatehouse.verifier.VerificationResult;
import dev.gatehouse.verifier.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Optional;

/**
 * Admits a request only with {@code Authorization: Bearer} and a valid Gatehouse access token, and
 * answers anything else with 401 and {@code WWW-Authenticate} as RFC 6750 section 3 describes. The
 * verified token is the request attribute {@link #TOKEN_ATTRIBUTE}; {@code getUserPrincipal()} and
 * {@code getRemoteUser()} name its subject, and {@code isUserInRole(r)} asks whether it has scope r.
 */
public final class GatehouseAuthenticationFilter implements Filter {
    public static final String TOKEN_ATTRIBUTE = VerifiedToken.class.getName();
    private static final System.Logger LOG = System.getLogger("gatehouse.verifier");

    private final GatehouseVerifier verifier;
    private final String realm;

    public GatehouseAuthenticationFilter(GatehouseVerifier verifier, String realm) {
        this.verifier = verifier;
        this.realm = realm.replace("\"", "");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        Optional<String> token = BearerToken.from(http.getHeader("Authorization"));
        if (token.isEmpty()) {
            // RFC 6750 section 3.1: no error code when the request had no credentials at all.
            refuse(out, "Bearer realm=\"" + realm + "\"");
            return;
        }
        switch (verifier.verify(token.get())) {
            case VerificationResult.Verified verified -> {
                request.setAttribute(TOKEN_ATTRIBUTE, verified.token());
                chain.doFilter(new AuthenticatedRequest(http, verified.token()), response);
            }
            case VerificationResult.Rejected rejected -> {
                LOG.log(Level.DEBUG, "token rejected: " + rejected.reason() + ": " + rejected.detail());
                refuse(out, "Bearer realm=\"" + realm + "\", error=\"invalid_token\"");
            }
        }
    }

    private static void refuse(HttpServletResponse response, String challenge) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", challenge);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid_token\"}");
    }

    /** The request as the application sees it: with the token's subject as its principal. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final VerifiedToken token;

        AuthenticatedRequest(HttpServletRequest request, VerifiedToken token) {
            super(request);
            this.token = token;
        }

        @Override
        public Principal getUserPrincipal() {
            return token::subject;
        }

        @Override
        public String getRemoteUser() {
            return token.subject();
        }

        @Override
        public boolean isUserInRole(String role) {
            return token.hasScope(role);
        }

        @Override
        public String getAuthType() {
            return "BEARER";
        }
    }
}
