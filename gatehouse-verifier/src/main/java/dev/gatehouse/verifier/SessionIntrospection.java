package dev.gatehouse.verifier;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    private final int capacity;
    private final Predicate<String> sessionRevoked;
    private final Map<String, Remembered> cache;

    private record Remembered(SessionPrincipal principal, Instant until) {}

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
        this.capacity = capacity;
        this.sessionRevoked = sessionRevoked;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > SessionIntrospection.this.capacity;
            }
        };
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
            synchronized (cache) {
                cache.put(cookieValue, new Remembered(principal, now.plus(ttl)));
            }
            return new SessionCheckResult.Active(principal);
        } catch (HttpFetcher.FetchException | ParseException | RuntimeException e) {
            return new SessionCheckResult.Inactive("introspection failed: " + e.getMessage());
        }
    }

    private Optional<Remembered> remembered(String cookieValue, Instant now) {
        synchronized (cache) {
            Remembered entry = cache.get(cookieValue);
            if (entry == null) {
                return Optional.empty();
            }
            if (!now.isBefore(entry.until())
                    || !now.isBefore(entry.principal().expiresAt())
                    || sessionRevoked.test(entry.principal().sessionId())) {
                cache.remove(cookieValue);
                return Optional.empty();
            }
            return Optional.of(entry);
        }
    }
}
