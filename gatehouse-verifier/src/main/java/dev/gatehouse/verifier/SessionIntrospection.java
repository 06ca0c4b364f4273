package dev.gatehouse.verifier;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Session cookies for services other than Gatehouse: asked of Gatehouse's introspection endpoint,
 * remembered for a few seconds, and forgotten at once when the revocation feed names the session.
 */
final class SessionIntrospection {
    private final URI endpoint;
    private final HttpFetcher http;
    private final String authorization;
    private final Clock clock;
    private final Duration ttl;
    private final Predicate<String> sessionRevoked;
    private final BoundedCache<Remembered> cache;

    private record Remembered(SessionPrincipal principal, Instant until) {
        /** Of no more use once either the time-to-live or the session itself runs out. */
        Instant expiresAt() {
            return until.isBefore(principal.expiresAt()) ? until : principal.expiresAt();
        }
    }

    SessionIntrospection(
            URI issuer,
            HttpFetcher http,
            String authorization,
            Clock clock,
            Duration ttl,
            int capacity,
            Predicate<String> sessionRevoked) {
        this.endpoint = URI.create(issuer + "/oauth2/introspect");
        this.http = http;
        this.authorization = authorization;
        this.clock = clock;
        this.ttl = ttl;
        this.sessionRevoked = sessionRevoked;
        this.cache = new BoundedCache<>(capacity, Remembered::expiresAt);
    }

    SessionCheckResult check(String cookieValue) {
        Instant now = clock.instant();
        Optional<Remembered> remembered = remembered(cookieValue, now);
        if (remembered.isPresent()) {
            return new SessionCheckResult.Active(remembered.get().principal());
        }
        try {
            Map<String, Object> answer = JSONObjectUtils.parse(http.postForm(
                            endpoint,
                            authorization,
                            "token=" + URLEncoder.encode(cookieValue, StandardCharsets.UTF_8)
                                    + "&token_type_hint=session")
                    .body());
            if (!Boolean.TRUE.equals(answer.get("active")) || !"session".equals(answer.get("token_type"))) {
                return new SessionCheckResult.Inactive("not an active session");
            }
            var principal = new SessionPrincipal(
                    (String) answer.get("sub"),
                    (String) answer.get("sid"),
                    Instant.ofEpochSecond(((Number) answer.get("exp")).longValue()));
            cache.put(cookieValue, new Remembered(principal, now.plus(ttl)), now);
            return new SessionCheckResult.Active(principal);
        } catch (HttpFetcher.FetchException | ParseException | RuntimeException e) {
            return new SessionCheckResult.Inactive("introspection failed: " + e.getMessage());
        }
    }

    private Optional<Remembered> remembered(String cookieValue, Instant now) {
        Optional<Remembered> entry = cache.get(cookieValue);
        if (entry.isPresent()
                && (!now.isBefore(entry.get().expiresAt())
                        || sessionRevoked.test(entry.get().principal().sessionId()))) {
            cache.remove(cookieValue);
            return Optional.empty();
        }
        return entry;
    }
}
