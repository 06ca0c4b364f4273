package dev.gatehouse.server.http;

/**
 * Every problem type Gatehouse answers: the slug of its {@code urn:gatehouse:problem:} URN, its title
 * and its usual status. {@code docs/http-api.md} lists exactly these, and a test keeps the two equal.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Bad request", 400),
    INVALID_JSON("invalid-json", "Malformed JSON", 400),
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    AUTHENTICATION_REQUIRED("authentication-required", "Authentication required", 401),
    INVALID_CLIENT("invalid-client", "Invalid client", 401),
    INVALID_CREDENTIALS("invalid-credentials", "Invalid credentials", 401),
    INVALID_TOKEN("invalid-token", "Invalid access token", 401),
    MFA_REQUIRED("mfa-required", "Second factor required", 401),
    CORS_ORIGIN_REFUSED("cors-origin-refused", "Origin not allowed", 403),
    CSRF_REJECTED("csrf-rejected", "Cross-site request refused", 403),
    FORBIDDEN("forbidden", "Forbidden", 403),
    INVALID_SCOPE("invalid-scope", "Invalid scope", 403),
    EMAIL_NOT_VERIFIED("email-not-verified", "E-mail address not verified", 403),
    REGISTRATION_CLOSED("registration-closed", "Registration closed", 403),
    STEP_UP_REQUIRED("step-up-required", "Second factor required for this change", 403),
    WRONG_CURRENT_PASSWORD("wrong-current-password", "Wrong current password", 403),
    CLIENT_NOT_FOUND("client-not-found", "Client not found", 404),
    NOT_FOUND("not-found", "Not found", 404),
    REFRESH_FAMILY_NOT_FOUND("refresh-family-not-found", "Refresh family not found", 404),
    SESSION_NOT_FOUND("session-not-found", "Session not found", 404),
    USER_NOT_FOUND("user-not-found", "User not found", 404),
    CLIENT_ID_TAKEN("client-id-taken", "Client id taken", 409),
    OWN_ACCOUNT("own-account", "Not on your own account", 409),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    URI_TOO_LONG("uri-too-long", "URI too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    INVALID_LINK("invalid-link", "Invalid or expired link", 400),
    INVALID_EMAIL("invalid-email", "Invalid email", 422),
    WEAK_PASSWORD("weak-password", "Password not accepted", 422),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    HEADERS_TOO_LARGE("headers-too-large", "Request header fields too large", 431),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    TRANSFER_CODING_NOT_IMPLEMENTED("transfer-coding-not-implemented", "Transfer coding not implemented", 501),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
    HASHING_BUSY("hashing-busy", "Too busy to check passwords", 503),
    HTTP_VERSION_NOT_SUPPORTED("http-version-not-supported", "HTTP version not supported", 505);

    static final String PREFIX = "urn:gatehouse:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
