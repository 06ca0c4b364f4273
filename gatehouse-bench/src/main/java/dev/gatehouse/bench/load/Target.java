package dev.gatehouse.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under load as the workloads see it: where it is, and the account and clients the suite
 * registered, with the requests that log in to them.
 */
record Target(
        String host,
        int port,
        String email,
        String password,
        String appClient,
        String serviceClient,
        String serviceSecret,
        String resourceServer,
        String resourceSecret,
        String audience) {

    /** The same server and clients, logging in as {@code otherEmail} (with the same password). */
    Target as(String otherEmail) {
        return new Target(
                host,
                port,
                otherEmail,
                password,
                appClient,
                serviceClient,
                serviceSecret,
                resourceServer,
                resourceSecret,
                audience);
    }

    String hostHeader() {
        return host + ":" + port;
    }

    String origin() {
        return "http://localhost:" + port;
    }

    byte[] tokenLogin() {
        return Request.post("/v1/tokens")
                .json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"client_id\":\"" + appClient
                        + "\"}")
                .bytes(hostHeader());
    }

    byte[] cookieLogin() {
        return Request.post("/v1/sessions")
                .header("Origin", origin())
                .json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .bytes(hostHeader());
    }

    /** Signs {@code otherEmail} up on {@code connection}; this target logging in as that account. */
    Target signedUpAs(String otherEmail, HttpConnection connection) {
        expect200(
                connection,
                Request.post("/v1/accounts")
                        .json("{\"email\":\"" + otherEmail + "\",\"password\":\"" + password + "\"}")
                        .bytes(hostHeader()));
        return as(otherEmail);
    }

    /** Logs in through the first-party app on {@code connection}; the JSON answer. */
    String loginForTokens(HttpConnection connection) {
        return expect200(connection, tokenLogin()).body();
    }

    /** Logs in with a cookie on {@code connection}; the {@code name=value} of the session cookie. */
    String loginForCookie(HttpConnection connection) {
        String setCookie = expect200(connection, cookieLogin()).setCookie();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** Sends a set-up request; a full hashing pool (503) is waited out, as a real client would. */
    static HttpConnection.Response expect200(HttpConnection connection, byte[] request) {
        try {
            HttpConnection.Response response = connection.exchange(request);
            for (int retries = 0; response.status() == 503 && retries < 100; retries++) {
                Thread.sleep(100 + (long) (Math.random() * 200));
                response = connection.exchange(request);
            }
            if (response.status() / 100 != 2) {
                throw new IllegalStateException(
                        "set-up request answered " + response.status() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during set-up", e);
        }
    }

    /** A string field of a flat JSON answer. */
    static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
