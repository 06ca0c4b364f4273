package dev.gatehouse.server.http;

import io.helidon.http.Status;

/**
 * The status of a response with its reason phrase. Helidon names most codes, but not 431 (RFC 6585):
 * {@link Status#create(int)} gives it the number again as its phrase, so the line read "431 431".
 */
public final class StatusLine {
    private static final Status HEADERS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");

    private StatusLine() {}

    public static Status of(int code) {
        return code == 431 ? HEADERS_TOO_LARGE : Status.create(code);
    }
}
