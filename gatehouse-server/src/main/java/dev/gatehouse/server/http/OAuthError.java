package dev.gatehouse.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 6749 section 5.2 error response, the shape OAuth clients expect from {@code /oauth2/*}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OAuthError(String error, String errorDescription) {
    static OAuthException invalidRequest(String description) {
        return new OAuthException(400, new OAuthError("invalid_request", description));
    }

    static OAuthException invalidClient() {
        return new OAuthException(401, new OAuthError("invalid_client", "Client authentication failed."));
    }

    static OAuthException invalidGrant(String description) {
        return new OAuthException(400, new OAuthError("invalid_grant", description));
    }

    static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, new OAuthError("unauthorized_client", description));
    }

    static OAuthException unsupportedGrantType() {
        return new OAuthException(
                400,
                new OAuthError(
                        "unsupported_grant_type",
                        "Supported: refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:token-exchange."));
    }
}
