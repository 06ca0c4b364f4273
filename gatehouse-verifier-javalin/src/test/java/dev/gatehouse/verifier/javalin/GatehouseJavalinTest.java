package dev.gatehouse.verifier.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.verifier.FakeIssuer;
import dev.gatehouse.verifier.GatehouseVerifier;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The before-handler in a real Javalin app, in front of a route that shows what it sees. */
class GatehouseJavalinTest {
    private FakeIssuer issuer;
    private GatehouseVerifier verifier;
    private Javalin app;
    private URI api;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        verifier = issuer.feedlessVerifier("orders-api");
        app = Javalin.create(config -> {
                    config.routes.before("/api/*", GatehouseJavalin.bearerAuthentication(verifier, "orders"));
                    config.routes.get(
                            "/api/orders",
                            ctx -> ctx.result(GatehouseJavalin.token(ctx).subject() + " read="
                                    + GatehouseJavalin.token(ctx).hasScope("read")));
                    config.routes.get("/health", ctx -> ctx.result("ok"));
                })
                .start("127.0.0.1", 0);
        api = URI.create("http://127.0.0.1:" + app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
        verifier.close();
        issuer.close();
    }

    private HttpResponse<String> get(String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void passesAValidTokenToTheRoute() throws Exception {
        String token = issuer.freshToken("orders-api", "j1");

        HttpResponse<String> response = get("/api/orders", Optional.of("Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ada read=true");
    }

    @Test
    void refusesMissingAndBadTokensBeforeTheRouteRuns() throws Exception {
        HttpResponse<String> missing = get("/api/orders", Optional.empty());
        HttpResponse<String> bad = get("/api/orders", Optional.of("Bearer garbage"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"orders\"");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"orders\", error=\"invalid_token\"");
        assertThat(bad.body()).doesNotContain("ada");
        assertThat(get("/health", Optional.empty()).statusCode()).isEqualTo(200);
    }
}
