package dev.gatehouse.core.oidc;

import java.util.Optional;

/**
 * The parameters of an authorization request as they arrived (RFC 6749 section 4.1.1, RFC 7636
 * section 4.3, OpenID Connect Core 1.0 section 3.1.2.1), not yet checked.
 */
public record AuthorizationRequest(
        Optional<String> clientId,
        Optional<String> redirectUri,
        Optional<String> responseType,
        Optional<String> scope,
        Optional<String> state,
        Optional<String> nonce,
        Optional<String> codeChallenge,
        Optional<String> codeChallengeMethod,
        Optional<String> prompt,
        Optional<String> maxAge,
        Optional<String> loginHint,
        Optional<String> requestObject,
        Optional<String> requestUri,
        Optional<String> responseMode) {}
