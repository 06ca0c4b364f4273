package dev.gatehouse.core.grant;

import dev.gatehouse.core.token.IssuedAccessToken;
import java.time.Duration;
import java.util.Optional;

/** What became of a token request. */
public sealed interface GrantOutcome {

    /**
     * @param scope what the access token carries, "" for none
     * @param idToken the OpenID Connect ID token, for the authorization code grant with {@code openid}
     */
    record Issued(IssuedAccessToken accessToken, Optional<String> refreshToken, String scope, Optional<String> idToken)
            implements GrantOutcome {

        public Issued(IssuedAccessToken accessToken, Optional<String> refreshToken, String scope) {
            this(accessToken, refreshToken, scope, Optional.empty());
        }

        @Override
        public String toString() {
            return "Issued[" + accessToken + "]";
        }
    }

    /** The RFC 6749 section 5.2 error and a description for the client. */
    record Refused(GrantError error, String description) implements GrantOutcome {}

    /** Too many requests; try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements GrantOutcome {}

    /** The RFC 6749 (and RFC 8707) errors a grant can end in. */
    enum GrantError {
        INVALID_GRANT,
        INVALID_SCOPE,
        INVALID_TARGET,
        UNAUTHORIZED_CLIENT
    }
}
