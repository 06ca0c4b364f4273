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

    /** A grant's refusal: RFC 6749 section 5.2's code (RFC 8707's for a bad target), 400 for all. */
    static OAuthException of(dev.gatehouse.core.grant.GrantOutcome.Refused refused) {
        String code = refused.error().name().toLowerCase(java.util.Locale.ROOT);
        return new OAuthException(400, new OAuthError(code, refused.description()));
    }

    static OAuthException unsupportedGrantType() {
        return new OAuthException(
                400,
                new OAuthError(
                        "unsupported_grant_type",
                        "Supported: authorization_code, refresh_token, client_credentials,"
                                + " urn:ietf:params:oauth:grant-type:token-exchange."));
    }
}
