package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a header that decides who is calling, what the body is or where it ends, sent twice, makes
 * the request ambiguous: two parsers (a proxy and Gatehouse) may each pick another copy. Such a request
 * is refused with a 400 problem, whichever copies it carries. Raw sockets, since HTTP clients fold or
 * refuse repeated headers.
 */
class DuplicateHeadersIT extends TokenTestBase {

    @Test
    void twoAuthorizationHeadersAreRefused() {
        String first = tokenLogin().get("access_token").asText();
        String second = tokenLogin().get("access_token").asText();

        assertRefused(get("/v1/me", "Authorization: Bearer " + first, "Authorization: Bearer " + second));
        assertRefused(get("/v1/me", "Authorization: Bearer " + first, "Authorization: Bearer " + first));
        assertRefused(post(
                "/oauth2/introspect",
                "application/x-www-form-urlencoded",
                "token=" + first,
                "Authorization: " + basic("orders", ordersSecret),
                "Authorization: " + basic("billing", billingSecret)));
    }

    @Test
    void twoCsrfTokensAreRefused() {
        ApiClient browser = loggedIn();
        String cookie = "Cookie: __Host-gatehouse=" + browser.cookie().orElseThrow();
        String token = browser.csrfToken().orElseThrow();

        assertRefused(exchange("DELETE /v1/sessions/current HTTP/1.1\r\nHost: x\r\n" + cookie + "\r\nOrigin: " + ISSUER
                + "\r\nX-CSRF-Token: " + token + "\r\nX-CSRF-Token: wrong\r\nConnection: close\r\n\r\n"));
        assertRefused(exchange("DELETE /v1/sessions/current HTTP/1.1\r\nHost: x\r\n" + cookie + "\r\nOrigin: " + ISSUER
                + "\r\nX-CSRF-Token: wrong\r\nX-CSRF-Token: " + token + "\r\nConnection: close\r\n\r\n"));
        assertThat(browser.get("/v1/me").status())
                .as("the session was not ended")
                .isEqualTo(200);
    }

    @Test
    void twoContentTypesAreRefused() {
        assertRefused(login("Content-Type: application/json", "Content-Type: application/json"));
        assertRefused(login("Content-Type: application/json", "Content-Type: text/plain"));
    }

    @Test
    void twoOriginsAreRefused() {
        assertRefused(login("Origin: " + ISSUER, "Origin: " + ISSUER));
        assertRefused(login("Origin: https://evil.example", "Origin: " + ISSUER));
    }

    @Test
    void twoHostsAreRefused() {
        assertRefused(exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n"));
        assertRefused(exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nHost: x\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void twoContentLengthsAreRefused() {
        String body = credentials(newAccount());
        int length = body.getBytes(StandardCharsets.UTF_8).length;

        assertRefused(post("/v1/sessions", HttpIo.JSON, body, "Content-Length: " + length));
        assertRefused(post("/v1/sessions", HttpIo.JSON, body, "Content-Length: 2"));
    }

    @Test
    void twoTransferEncodingsAreRefused() {
        String body = credentials(newAccount());
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";

        assertRefused(exchange("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nOrigin: "
                + ISSUER + "\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunked));
    }

    @Test
    void oneOfEachIsStillServed() {
        RawHttp.Conversation conversation = login("Origin: " + ISSUER, "Content-Type: application/json");

        assertThat(conversation.replies())
                .singleElement()
                .extracting(RawHttp.Reply::status)
                .isEqualTo(200);
    }

    private static void assertRefused(RawHttp.Conversation conversation) {
        assertThat(conversation.replies()).as(conversation.raw()).hasSize(1);
        RawHttp.Reply reply = conversation.replies().getFirst();
        assertThat(reply.status()).as(conversation.raw()).isEqualTo(400);
        assertThat(reply.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(reply.body()).contains("\"urn:gatehouse:problem:bad-request\"");
    }

    /** A valid login of a new account with the given headers (a Content-Length is added). */
    private static RawHttp.Conversation login(String... headers) {
        String body = credentials(newAccount());
        StringBuilder request = new StringBuilder("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (!String.join("\n", headers).contains("Origin:")) {
            request.append("Origin: ").append(ISSUER).append("\r\n");
        }
        if (!String.join("\n", headers).contains("Content-Type:")) {
            request.append("Content-Type: application/json\r\n");
        }
        request.append("Content-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\nConnection: close\r\n\r\n")
                .append(body);
        return exchange(request.toString());
    }

    private static RawHttp.Conversation get(String path, String... headers) {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + lines(headers) + "Connection: close\r\n\r\n");
    }

    private static RawHttp.Conversation post(String path, String contentType, String body, String... headers) {
        return exchange("POST " + path + " HTTP/1.1\r\nHost: x\r\nOrigin: " + ISSUER + "\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + lines(headers) + "Connection: close\r\n\r\n" + body);
    }

    private static String lines(String... headers) {
        return String.join("\r\n", headers) + (headers.length == 0 ? "" : "\r\n");
    }

    private static RawHttp.Conversation exchange(String request) {
        return RawHttp.converse(server.port(), request);
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }
}
