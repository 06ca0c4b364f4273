package dev.gatehouse.server.http;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URN clients may switch on; {@code detail}
 * speaks to a person and never names an account, a class or a secret.
 */
public record Problem(String type, String title, int status, String detail) {
    private static final String PREFIX = "urn:gatehouse:problem:";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(PREFIX + slug, title, status, detail);
    }

    public static Problem invalidJson(String detail) {
        return of("invalid-json", "Malformed JSON", 400, detail);
    }

    public static Problem invalidRequest(String detail) {
        return of("invalid-request", "Invalid request", 400, detail);
    }

    public static Problem unsupportedMediaType(String expected) {
        return of("unsupported-media-type", "Unsupported media type", 415, "Send the body as " + expected + ".");
    }

    public static Problem payloadTooLarge(long limit) {
        return of("payload-too-large", "Payload too large", 413, "The body may be at most " + limit + " bytes.");
    }

    public static Problem headersTooLarge() {
        return of("headers-too-large", "Request header fields too large", 431, "The request headers are too large.");
    }

    public static Problem badRequest(String detail) {
        return of("bad-request", "Bad request", 400, detail);
    }

    public static Problem notFound() {
        return of("not-found", "Not found", 404, "There is nothing here.");
    }

    public static Problem methodNotAllowed(String allowed) {
        return of("method-not-allowed", "Method not allowed", 405, "This resource allows " + allowed + ".");
    }

    public static Problem authenticationRequired() {
        return of("authentication-required", "Authentication required", 401, "Log in first.");
    }

    public static Problem invalidCredentials() {
        return of("invalid-credentials", "Invalid credentials", 401, "The email or password is incorrect.");
    }

    public static Problem csrfRejected(String detail) {
        return of("csrf-rejected", "Cross-site request refused", 403, detail);
    }

    /** The same body for every cause (address, account, lock-out), so it reveals nothing. */
    public static Problem tooManyRequests() {
        return of(
                "rate-limited",
                "Too many requests",
                429,
                "Too many attempts; wait as Retry-After says, then try again.");
    }

    public static Problem serviceUnavailable() {
        return of("service-unavailable", "Service unavailable", 503, "The store did not answer; try again shortly.");
    }

    public static Problem internalError() {
        return of("internal-error", "Internal error", 500, "Something went wrong on our side.");
    }
}
