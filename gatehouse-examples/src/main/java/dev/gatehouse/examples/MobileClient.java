package dev.gatehouse.examples;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A command-line "mobile app": logs in with POST /v1/tokens, calls the orders API, refreshes its tokens. */
final class MobileClient {
    private final URI gatehouse;
    private final URI orders;
    private String accessToken;
    private String refreshToken;

    MobileClient(URI gatehouse, URI orders) {
        this.gatehouse = gatehouse;
        this.orders = orders;
    }

    void logIn(String email, String password) {
        HttpResponse<String> response = Http.postJson(
                gatehouse.resolve("/v1/tokens"),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"client_id\":\"mobile\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token login failed: " + response.body());
        }
        accessToken = Http.field(response.body(), "access_token");
        refreshToken = Http.field(response.body(), "refresh_token");
    }

    /** The status of {@code GET /api/orders} with the current access token. */
    int listOrders() {
        return Http.send(HttpRequest.newBuilder(orders.resolve("/api/orders"))
                        .header("Authorization", "Bearer " + accessToken)
                        .build())
                .statusCode();
    }

    /** Rotates the tokens; false when Gatehouse refuses (the login was ended). */
    boolean refresh() {
        HttpResponse<String> response = Http.postForm(
                gatehouse.resolve("/oauth2/token"),
                "grant_type=refresh_token&client_id=mobile&refresh_token=" + refreshToken);
        if (response.statusCode() != 200) {
            return false;
        }
        accessToken = Http.field(response.body(), "access_token");
        refreshToken = Http.field(response.body(), "refresh_token");
        return true;
    }
}
