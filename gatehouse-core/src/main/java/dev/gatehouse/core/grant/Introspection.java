package dev.gatehouse.core.grant;

import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.jwt.AccessTokenClaims;
import java.time.Instant;

/** RFC 7662's answer about one token, for one caller. */
public sealed interface Introspection {

    /** Not active, or not the caller's to know about: exactly {@code {"active":false}}. */
    record Inactive() implements Introspection {}

    record ActiveAccessToken(AccessTokenClaims claims) implements Introspection {}

    record ActiveRefreshToken(RefreshFamily family) implements Introspection {}

    record ActiveSession(Session session, Instant expiresAt) implements Introspection {}
}
