package dev.gatehouse.verifier.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.verifier.FakeIssuer;
import dev.gatehouse.verifier.GatehouseVerifier;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter in a real servlet container (Jetty 12), in front of a servlet that shows what it sees. */
class GatehouseAuthenticationFilterTest {
    private FakeIssuer issuer;
    private GatehouseVerifier verifier;
    private Server jetty;
    private URI api;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        verifier = issuer.feedlessVerifier("orders-api");
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(
                new FilterHolder(new GatehouseAuthenticationFilter(verifier, "orders")),
                "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.getWriter()
                                .write(request.getRemoteUser() + " read=" + request.isUserInRole("read") + " admin="
                                        + request.isUserInRole("admin"));
                    }
                }),
                "/api/*");
        jetty.setHandler(context);
        jetty.start();
        api = URI.create(
                "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/orders");
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        verifier.close();
        issuer.close();
    }

    private HttpResponse<String> get(Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void passesAValidTokenWithItsSubjectAndScopes() throws Exception {
        String token = issuer.freshToken("orders-api", "j1");

        HttpResponse<String> response = get(Optional.of("Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ada read=true admin=false");
    }

    @Test
    void asksForCredentialsWithoutAnErrorCodeWhenThereAreNone() throws Exception {
        HttpResponse<String> response = get(Optional.empty());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"orders\"");
    }

    @Test
    void refusesABadTokenWithInvalidToken() throws Exception {
        String otherAudience = issuer.freshToken("billing-api", "j2");

        for (String authorization : new String[] {"Bearer " + otherAudience, "Bearer garbage", "Basic Zm9vOmJhcg=="}) {
            HttpResponse<String> response = get(Optional.of(authorization));
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.body()).doesNotContain("ada");
        }
        assertThat(get(Optional.of("Bearer garbage")).headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"orders\", error=\"invalid_token\"");
    }
}
