package dev.gatehouse.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testkit.Await;
import dev.gatehouse.verifier.GatehouseVerifier;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password reset over HTTP with the mails read from a real SMTP server: the link works once, is
 * superseded by a newer one, refuses tampering, and using it ends every session of the account — the
 * cookie, the app's refresh token, and (through the revocation feed) a verifier's JWT within a second.
 */
class PasswordResetIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final String NEW_PASSWORD = "seven quiet herons at dawn";

    @TempDir
    static Path dataDirectory;

    static TestMailServer mail;
    static RunningGatehouse server;
    static String issuer;
    static String ordersSecret;

    @BeforeAll
    static void start() throws Exception {
        mail = TestMailServer.plain();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        issuer = "http://127.0.0.1:" + port;
        server = RunningGatehouse.start(
                dataDirectory,
                Map.of(
                        "GATEHOUSE_PORT",
                        String.valueOf(port),
                        "GATEHOUSE_ISSUER",
                        issuer,
                        "GATEHOUSE_SMTP_URL",
                        mail.url(),
                        "GATEHOUSE_SMTP_ALLOW_PLAINTEXT",
                        "on"));
        var clients = server.gatehouse().clients();
        clients.create(
                new ClientId("mobile"),
                ClientType.FIRST_PARTY,
                Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                List.of("orders-api"));
        ordersSecret = clients.create(
                        new ClientId("orders"), ClientType.RESOURCE_SERVER, Set.of(), List.of("orders-api"))
                .orElseThrow()
                .secret()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), issuer);
    }

    private static String newAccount() {
        String email = "reset-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    /** Asks for a link and returns the token of the {@code nth} mail to {@code email}. */
    private static String requestLink(String email, int nth) {
        ApiClient.Response response = client().post("/v1/password-reset", Map.of("email", email));
        assertThat(response.status()).isEqualTo(202);
        MimeMessage message = mail.awaitMail(email, "Set a new password", nth);
        String link = TestMailServer.link(message);
        assertThat(link).startsWith(issuer + "/password-reset/new?token=");
        return TestMailServer.token(link);
    }

    private static ApiClient.Response complete(String token, String password) {
        return client().post("/v1/password-reset/complete", Map.of("token", token, "password", password));
    }

    @Test
    void aResetEndsEverySessionEverywhereAndTellsTheOwner() throws Exception {
        String email = newAccount();
        ApiClient browser = client();
        assertThat(browser.login(email, PASSWORD).status()).isEqualTo(200);
        JsonNode app = client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "mobile"))
                .json();
        String accessToken = app.get("access_token").asText();
        String refreshToken = app.get("refresh_token").asText();
        try (GatehouseVerifier verifier = GatehouseVerifier.builder()
                .issuer(URI.create(issuer))
                .audience("orders-api")
                .revocationFeedCredentials("orders", ordersSecret)
                .allowInsecureHttpForLocalDevelopment()
                .build()) {
            assertThat(verifier.verify(accessToken).isVerified()).isTrue();
            Await.until(
                    "the verifier streams the feed",
                    Duration.ofSeconds(5),
                    () -> verifier.feedStatus().orElseThrow().streaming());

            ApiClient.Response done = complete(requestLink(email, 1), NEW_PASSWORD);

            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.json().get("sessions_ended").asInt()).isEqualTo(2);
            assertThat(Await.holdsWithin(
                            Duration.ofSeconds(1),
                            () -> !verifier.verify(accessToken).isVerified()))
                    .as("the verifier rejects the JWT within a second")
                    .isTrue();
        }
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);
        assertThat(client().form(
                                "/oauth2/token",
                                Map.of(
                                        "grant_type",
                                        "refresh_token",
                                        "client_id",
                                        "mobile",
                                        "refresh_token",
                                        refreshToken))
                        .status())
                .isEqualTo(400);
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(401);
        assertThat(client().login(email, NEW_PASSWORD).status()).isEqualTo(200);
        MimeMessage notice = mail.awaitMail(email, "Your password", 1);
        assertThat(notice.getSubject()).isEqualTo("Your password on 127.0.0.1 was changed");
        assertThat(TestMailServer.part(notice, "text/plain")).contains(email).contains("every session");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String known = newAccount();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response forUnknown = client().post("/v1/password-reset", Map.of("email", unknown));
        ApiClient.Response forKnown = client().post("/v1/password-reset", Map.of("email", known));

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        // The outbox sends in order: once the later request's mail is in, the earlier one had its turn.
        mail.awaitMail(known, "Set a new password", 1);
        assertThat(mail.receivedBy(unknown)).isEmpty();
    }

    @Test
    void aLinkWorksOnce() {
        String email = newAccount();
        String token = requestLink(email, 1);

        assertThat(complete(token, NEW_PASSWORD).status()).isEqualTo(200);
        ApiClient.Response again = complete(token, "another fine password here");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-link");
        assertThat(client().login(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aNewerLinkSupersedesTheOlderOne() {
        String email = newAccount();
        String older = requestLink(email, 1);
        String newer = requestLink(email, 2);

        assertThat(complete(older, NEW_PASSWORD).status()).isEqualTo(400);
        assertThat(complete(newer, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefusedAndTheRealOneStillWorks() {
        String email = newAccount();
        String token = requestLink(email, 1);
        char first = token.charAt(0);
        String tampered = (first == 'A' ? 'B' : 'A') + token.substring(1);

        assertThat(complete(tampered, NEW_PASSWORD).status()).isEqualTo(400);
        assertThat(complete(token + "A", NEW_PASSWORD).status()).isEqualTo(400);
        assertThat(complete(token, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anAdministratorCanSendALinkThroughTheApi() {
        String adminEmail = "admin-" + UUID.randomUUID() + "@example.com";
        server.gatehouse().accounts().signUp(adminEmail, new Password(PASSWORD), Role.ADMIN, Actor.SYSTEM, true);
        String email = newAccount();
        String id = server.gatehouse()
                .accounts()
                .findByEmail(email)
                .orElseThrow()
                .id()
                .value();
        ApiClient admin = client();
        assertThat(admin.login(adminEmail, PASSWORD).status()).isEqualTo(200);

        ApiClient.Response sent = admin.post("/admin/v1/users/" + id + "/password-reset", Map.of());

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String token = TestMailServer.token(TestMailServer.link(mail.awaitMail(email, "Set a new password", 1)));
        assertThat(complete(token, NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(client().post("/admin/v1/users/" + id + "/password-reset", Map.of())
                        .status())
                .as("not for anyone but an administrator")
                .isEqualTo(401);
    }

    @Test
    void aWeakPasswordIsRefusedAndTheLinkStillWorks() {
        String email = newAccount();
        String token = requestLink(email, 1);

        ApiClient.Response weak = complete(token, "short");

        assertThat(weak.status()).isEqualTo(422);
        assertThat(complete(token, NEW_PASSWORD).status()).isEqualTo(200);
    }
}
