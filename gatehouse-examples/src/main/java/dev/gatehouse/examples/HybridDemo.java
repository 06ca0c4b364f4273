package dev.gatehouse.examples;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.server.app.EmbeddedGatehouse;
import dev.gatehouse.server.app.Gatehouse;
import dev.gatehouse.verifier.GatehouseVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The article's hybrid, end to end on this machine: Gatehouse, an admin panel on a cookie session, an
 * orders API that only runs the verifier, and a mobile client on JWTs. The admin's "log out everywhere"
 * cuts the mobile client off at the API — which never calls Gatehouse per request — within a second.
 *
 * <p>Run: {@code ./examples/hybrid-demo} (or {@code java -jar gatehouse-examples/target/gatehouse-examples-*.jar}).
 */
public final class HybridDemo {
    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse battery staple";

    private HybridDemo() {}

    /** What the demo showed: how long after "log out everywhere" the API first refused the app. */
    record Result(Duration cutOffAfter, boolean refreshRefused) {}

    public static void main(String[] args) throws Exception {
        // The story is on standard output; the servers' own INFO lines would only drown it.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Result result = run(System.out);
        System.exit(result.cutOffAfter().compareTo(Duration.ofSeconds(1)) <= 0 && result.refreshRefused() ? 0 : 1);
    }

    static Result run(PrintStream out) throws IOException {
        try (EmbeddedGatehouse embedded = EmbeddedGatehouse.startOnLoopback(Map.of())) {
            Gatehouse gatehouse = embedded.gatehouse();
            URI issuer = embedded.issuer();
            out.println("1. Gatehouse runs at " + issuer + " (embedded SQLite in " + embedded.dataDirectory() + ")");
            gatehouse.accounts().signUp(EMAIL, new Password(PASSWORD), Role.ADMIN);
            embedded.addFirstPartyApp("mobile", "orders-api");
            String secret = embedded.addResourceServer("orders", "orders-api");

            try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                            .issuer(issuer)
                            .audience("orders-api")
                            .revocationFeedCredentials("orders", secret)
                            .allowInsecureHttpForLocalDevelopment()
                            .build();
                    OrdersApi orders = new OrdersApi(verifier)) {
                out.println("2. The orders API runs at " + orders.base() + ", checking JWTs locally with the verifier");
                awaitFeed(verifier);

                MobileClient mobile = new MobileClient(issuer, orders.base());
                mobile.logIn(EMAIL, PASSWORD);
                out.println(
                        "3. The mobile app logged in with POST /v1/tokens; GET /api/orders -> " + mobile.listOrders());
                out.println("   It refreshes its tokens (rotating): " + (mobile.refresh() ? "ok" : "refused")
                        + "; GET /api/orders -> " + mobile.listOrders());

                AdminPanel admin = new AdminPanel(issuer);
                admin.logIn(EMAIL, PASSWORD);
                out.println("4. The admin panel logged in with a cookie session and presses \"log out everywhere\": "
                        + admin.logOutEverywhere());
                long loggedOut = System.nanoTime();
                while (mobile.listOrders() == 200
                        && System.nanoTime() - loggedOut < Duration.ofSeconds(5).toNanos()) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                }
                Duration cutOff = Duration.ofNanos(System.nanoTime() - loggedOut);
                out.printf(
                        "5. The orders API refused the app's JWT %.1f ms later (its token had minutes left)%n",
                        cutOff.toNanos() / 1e6);
                boolean refreshRefused = !mobile.refresh();
                out.println("   and Gatehouse refused its refresh token: " + (refreshRefused ? "yes" : "NO"));
                return new Result(cutOff, refreshRefused);
            }
        }
    }

    private static void awaitFeed(GatehouseVerifier verifier) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!verifier.feedStatus().orElseThrow().streaming() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
