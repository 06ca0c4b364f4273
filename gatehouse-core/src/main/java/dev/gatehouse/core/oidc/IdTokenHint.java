package dev.gatehouse.core.oidc;

import java.util.Optional;

/** What a verified {@code id_token_hint} names: the user, the client it was issued to, the session. */
public record IdTokenHint(String subject, String clientId, Optional<String> sessionId) {}
