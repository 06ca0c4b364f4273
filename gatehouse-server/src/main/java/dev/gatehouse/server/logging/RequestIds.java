package dev.gatehouse.server.logging;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of the request being served on this thread, which every log line written meanwhile carries.
 *
 * <p>Helidon serves each request on one (virtual) thread from the first filter to the last byte of the
 * answer, so a thread-local set around the request reaches every line logged for it; it must be
 * cleared afterwards, because the thread goes on to the connection's next request.
 */
public final class RequestIds {
    /** The header a proxy may send the id in, and the response echoes. */
    public static final String HEADER = "X-Request-Id";

    /**
     * What an incoming id may look like to be kept: short, and nothing that could forge a log line or a
     * field (no quotes, spaces, control characters or non-ASCII).
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {}

    /**
     * The id for a request that came with {@code incoming} (empty without the header): kept when it is
     * safe, so that a proxy's id links its logs to ours; a fresh one otherwise.
     */
    public static String acceptOrCreate(Optional<String> incoming) {
        return incoming.filter(RequestIds::isSafe).orElseGet(RequestIds::create);
    }

    static boolean isSafe(String id) {
        return SAFE.matcher(id).matches();
    }

    /**
     * 96 random bits in 16 URL-safe characters: unique enough to find a request's lines among a day's
     * logs. Not a secret, so no SecureRandom.
     */
    static String create() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Runs {@code work} with {@code id} as this thread's request id, and clears it after, whatever happens. */
    public static void during(String id, Runnable work) {
        String outer = CURRENT.get();
        CURRENT.set(id);
        try {
            work.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The id of the request this thread serves, if it serves one. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
