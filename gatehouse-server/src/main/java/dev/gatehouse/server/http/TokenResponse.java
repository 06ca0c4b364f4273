package dev.gatehouse.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** RFC 6749 section 5.1 (and RFC 8693 section 2.2.1 for {@code issued_token_type}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(
        String accessToken,
        String tokenType,
        long expiresIn,
        @Nullable String refreshToken,
        @Nullable String scope,
        @Nullable String issuedTokenType) {}
