package dev.gatehouse.verifier;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows Gatehouse's revocation feed: the Server-Sent Events stream while it works, polling when it
 * does not, resuming from the last cursor either way. Every event, heartbeat and poll counts as
 * contact; a stream silent for too long is dropped and re-opened.
 */
final class RevocationFollower implements AutoCloseable {
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(25);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final URI issuer;
    private final HttpFetcher http;
    private final String authorization;
    private final Clock clock;
    private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    private final AtomicReference<InputStream> openStream = new AtomicReference<>();
    private volatile long cursor;
    private volatile Instant lastContact;
    private volatile boolean streaming;
    private volatile boolean closed;
    private final Thread worker;
    private final Thread watchdog;

    RevocationFollower(URI issuer, HttpFetcher http, String authorization, Clock clock) {
        this.issuer = issuer;
        this.http = http;
        this.authorization = authorization;
        this.clock = clock;
        poll(); // catch up before the first token is checked, if the issuer answers
        this.worker = Thread.ofVirtual().name("gatehouse-revocations").start(this::follow);
        this.watchdog =
                Thread.ofVirtual().name("gatehouse-revocations-watchdog").start(this::watch);
    }

    boolean isRevoked(Optional<String> sessionId, String tokenId) {
        return sessionId.map(revokedSessions::containsKey).orElse(false) || revokedTokens.containsKey(tokenId);
    }

    boolean isSessionRevoked(String sessionId) {
        return revokedSessions.containsKey(sessionId);
    }

    FeedStatus status() {
        Instant contact = lastContact;
        return new FeedStatus(
                Optional.ofNullable(contact),
                Optional.ofNullable(contact).map(c -> Duration.between(c, clock.instant())),
                cursor,
                streaming);
    }

    private void follow() {
        Duration backoff = Duration.ofMillis(250);
        while (!closed) {
            try {
                stream();
                backoff = Duration.ofMillis(250);
            } catch (HttpFetcher.FetchException | IOException | RuntimeException e) {
                streaming = false;
                if (poll()) {
                    backoff = Duration.ofMillis(250);
                }
            }
            if (!closed) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void stream() throws HttpFetcher.FetchException, IOException {
        InputStream in = http.stream(URI.create(issuer + "/v1/revocations/stream"), authorization, cursor);
        openStream.set(in);
        streaming = true;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long pendingId = -1;
            String pendingData = null;
            for (String line = reader.readLine(); line != null && !closed; line = reader.readLine()) {
                lastContact = clock.instant();
                if (line.startsWith("id:")) {
                    pendingId = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("data:")) {
                    pendingData = line.substring(5).strip();
                } else if (line.isEmpty() && pendingData != null) {
                    apply(JSONObjectUtils.parse(pendingData));
                    if (pendingId >= 0) {
                        cursor = pendingId;
                    }
                    pendingId = -1;
                    pendingData = null;
                }
            }
        } catch (ParseException | NumberFormatException e) {
            throw new IOException("malformed event", e);
        } finally {
            streaming = false;
            openStream.set(null);
        }
    }

    /** One catch-up by polling every page after the cursor; true when it worked. */
    private boolean poll() {
        try {
            boolean more = true;
            while (more && !closed) {
                String body = http.get(
                                URI.create(issuer + "/v1/revocations?after=" + cursor + "&limit=1000"),
                                Optional.of(authorization))
                        .body();
                Map<String, Object> page = JSONObjectUtils.parse(body);
                List<Object> entries = JSONObjectUtils.getJSONArray(page, "revocations");
                for (Object entry : entries) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) entry;
                    apply(fields);
                }
                cursor = ((Number) page.get("next_cursor")).longValue();
                more = Boolean.TRUE.equals(page.get("has_more"));
            }
            lastContact = clock.instant();
            return true;
        } catch (HttpFetcher.FetchException | ParseException | RuntimeException e) {
            return false;
        }
    }

    private void apply(Map<String, Object> entry) {
        Instant expires = Instant.parse((String) entry.get("expires_at"));
        if (entry.get("sid") instanceof String sid) {
            revokedSessions.put(sid, expires);
        }
        if (entry.get("jti") instanceof String jti) {
            revokedTokens.put(jti, expires);
        }
    }

    /** Drops a silent stream so the worker re-opens it, and forgets entries whose tokens have expired. */
    private void watch() {
        while (!closed) {
            sleep(Duration.ofSeconds(1));
            Instant now = clock.instant();
            Instant contact = lastContact;
            if (streaming && contact != null && Duration.between(contact, now).compareTo(SILENCE_LIMIT) > 0) {
                closeQuietly(openStream.get());
            }
            revokedSessions.values().removeIf(expiry -> expiry.isBefore(now));
            revokedTokens.values().removeIf(expiry -> expiry.isBefore(now));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing to unblock a reader; nothing to do
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(openStream.get());
        worker.interrupt();
        watchdog.interrupt();
    }
}
