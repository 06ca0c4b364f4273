package dev.gatehouse.core.oidc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Optional;

/**
 * An authorization code as stored: its hash and everything it is bound to (RFC 6749 section 4.1.3,
 * RFC 7636 section 4.6, OpenID Connect Core 1.0 section 3.1.3.2).
 *
 * @param codeChallenge the S256 PKCE challenge, base64url
 * @param sessionId the browser session that authorized it; the code and its tokens die with it
 * @param authTime when that session signed in
 */
public record AuthorizationCode(
        TokenHash hash,
        ClientId clientId,
        String redirectUri,
        String codeChallenge,
        Optional<String> nonce,
        SessionId sessionId,
        AccountId accountId,
        String scope,
        Instant createdAt,
        Instant expiresAt) {}
