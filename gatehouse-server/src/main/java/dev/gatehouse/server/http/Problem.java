package dev.gatehouse.server.http;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URN clients may switch on; {@code detail}
 * speaks to a person and never names an account, a class or a secret.
 */
public record Problem(String type, String title, int status, String detail) {
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail);
    }

    /** For the one type whose status varies with what the transport refused (a 4xx of its choosing). */
    public static Problem of(ProblemType type, int status, String detail) {
        return new Problem(type.uri(), type.title(), status, detail);
    }

    public static Problem invalidJson(String detail) {
        return of(ProblemType.INVALID_JSON, detail);
    }

    public static Problem invalidRequest(String detail) {
        return of(ProblemType.INVALID_REQUEST, detail);
    }

    public static Problem unsupportedMediaType(String expected) {
        return of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + expected + ".");
    }

    public static Problem payloadTooLarge(long limit) {
        return of(ProblemType.PAYLOAD_TOO_LARGE, "The body may be at most " + limit + " bytes.");
    }

    public static Problem headersTooLarge() {
        return of(ProblemType.HEADERS_TOO_LARGE, "The request headers are too large.");
    }

    public static Problem notFound() {
        return of(ProblemType.NOT_FOUND, "There is nothing here.");
    }

    public static Problem methodNotAllowed(String allowed) {
        return of(ProblemType.METHOD_NOT_ALLOWED, "This resource allows " + allowed + ".");
    }

    public static Problem authenticationRequired() {
        return of(ProblemType.AUTHENTICATION_REQUIRED, "Log in first.");
    }

    public static Problem invalidCredentials() {
        return of(ProblemType.INVALID_CREDENTIALS, "The email or password is incorrect.");
    }

    public static Problem csrfRejected(String detail) {
        return of(ProblemType.CSRF_REJECTED, detail);
    }

    /** The same body for every cause (address, account, lock-out), so it reveals nothing. */
    public static Problem tooManyRequests() {
        return of(ProblemType.RATE_LIMITED, "Too many attempts; wait as Retry-After says, then try again.");
    }

    public static Problem serviceUnavailable() {
        return of(ProblemType.SERVICE_UNAVAILABLE, "The store did not answer; try again shortly.");
    }

    public static Problem internalError() {
        return of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side.");
    }
}
