package dev.gatehouse.server.http;

/** Ends an OAuth endpoint's request with an RFC 6749 error. */
public final class OAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient OAuthError error;

    OAuthException(int status, OAuthError error) {
        super(error.error(), null, false, false);
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    OAuthError error() {
        return error;
    }
}
