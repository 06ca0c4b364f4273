package dev.gatehouse.examples;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The browser side of the admin panel: a cookie session (HttpOnly cookie + CSRF token), as a page on
 * Gatehouse's origin would hold it, and its "log out everywhere" button.
 */
final class AdminPanel {
    private final URI gatehouse;
    private String cookie;
    private String csrfToken;

    AdminPanel(URI gatehouse) {
        this.gatehouse = gatehouse;
    }

    void logIn(String email, String password) {
        HttpResponse<String> response = Http.postJson(
                gatehouse.resolve("/v1/sessions"),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                "Origin",
                origin());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.body());
        }
        cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        csrfToken = Http.field(response.body(), "csrf_token");
    }

    /** {@code DELETE /v1/sessions}: every session of the account ends, the app's included. */
    int logOutEverywhere() {
        return Http.send(HttpRequest.newBuilder(gatehouse.resolve("/v1/sessions"))
                        .DELETE()
                        .header("Cookie", cookie)
                        .header("X-CSRF-Token", csrfToken)
                        .header("Origin", origin())
                        .build())
                .statusCode();
    }

    private String origin() {
        return gatehouse.getScheme() + "://" + gatehouse.getAuthority();
    }
}
