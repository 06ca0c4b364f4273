package dev.gatehouse.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.grant.GrantOutcome;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * RFC 6749 section 5.1 (and RFC 8693 section 2.2.1 for {@code issued_token_type}); a first-party
 * app's login adds its {@code device_token}, to send with its next login; the authorization code grant
 * adds the {@code id_token} (OpenID Connect Core 1.0 section 3.1.3.3).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(
        String accessToken,
        String tokenType,
        long expiresIn,
        @Nullable String refreshToken,
        @Nullable String scope,
        @Nullable String issuedTokenType,
        @Nullable String deviceToken,
        @Nullable String idToken) {

    static TokenResponse of(
            GrantOutcome.Issued issued, @Nullable String issuedTokenType, @Nullable String deviceToken) {
        var claims = issued.accessToken().claims();
        return new TokenResponse(
                issued.accessToken().value(),
                "Bearer",
                Duration.between(claims.issuedAt(), claims.expiresAt()).toSeconds(),
                issued.refreshToken().orElse(null),
                issued.scope().isEmpty() ? null : issued.scope(),
                issuedTokenType,
                deviceToken,
                issued.idToken().orElse(null));
    }
}
