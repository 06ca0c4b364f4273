package dev.gatehouse.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.grant.Introspection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** RFC 7662 section 2.2; anything not active is exactly {@code {"active":false}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IntrospectionResponse(
        boolean active,
        @Nullable String tokenType,
        @Nullable String sub,
        @Nullable Long exp,
        @Nullable String clientId,
        @Nullable String scope,
        @Nullable Long iat,
        @Nullable String iss,
        @Nullable List<String> aud,
        @Nullable String jti,
        @Nullable String sid) {

    static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null, null);

    static IntrospectionResponse of(Introspection answer, String issuer) {
        return switch (answer) {
            case Introspection.Inactive inactive -> INACTIVE;
            case Introspection.ActiveAccessToken access -> {
                var c = access.claims();
                yield new IntrospectionResponse(
                        true,
                        "Bearer",
                        c.subject(),
                        c.expiresAt().getEpochSecond(),
                        c.clientId(),
                        c.scope(),
                        c.issuedAt().getEpochSecond(),
                        c.issuer(),
                        c.audience(),
                        c.jwtId(),
                        c.sessionId().orElse(null));
            }
            case Introspection.ActiveRefreshToken refresh -> {
                var f = refresh.family();
                yield new IntrospectionResponse(
                        true,
                        "refresh_token",
                        f.accountId().value(),
                        f.absoluteExpiresAt().getEpochSecond(),
                        f.clientId().value(),
                        f.scope(),
                        null,
                        issuer,
                        null,
                        null,
                        f.sessionId().value());
            }
            case Introspection.ActiveSession session ->
                new IntrospectionResponse(
                        true,
                        "session",
                        session.session().accountId().value(),
                        session.expiresAt().getEpochSecond(),
                        null,
                        null,
                        null,
                        issuer,
                        null,
                        null,
                        session.session().id().value());
        };
    }
}
