package dev.gatehouse.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving an account to another address: the current password, a link to the new address and a notice
 * to the old one, and no change at all until the link is followed.
 */
class AddressChangeIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static TestMailServer mail;
    static RunningGatehouse server;

    @BeforeAll
    static void start() {
        mail = TestMailServer.plain();
        server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_SMTP_URL", mail.url(), "GATEHOUSE_SMTP_ALLOW_PLAINTEXT", "on"));
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    private static String fresh(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void theNewAddressCountsOnlyOnceItsLinkIsFollowed() throws Exception {
        String old = fresh("old");
        String next = fresh("new");
        client().signUp(old, PASSWORD);
        ApiClient owner = client();
        assertThat(owner.login(old, PASSWORD).status()).isEqualTo(200);

        ApiClient.Response asked = owner.post("/v1/email", Map.of("current_password", PASSWORD, "new_email", next));

        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        MimeMessage link = mail.awaitMail(next, "Confirm your new address", 1);
        MimeMessage notice = mail.awaitMail(old, "A change of address", 1);
        assertThat(TestMailServer.part(notice, "text/plain")).doesNotContain("token=");
        String token = TestMailServer.token(TestMailServer.link(link));
        assertThat(TestMailServer.link(link)).startsWith(RunningGatehouse.ISSUER + "/email/change/confirm?token=");
        assertThat(owner.get("/v1/me").json().get("email").asText()).isEqualTo(old);
        assertThat(client().login(next, PASSWORD).status()).isEqualTo(401);

        ApiClient.Response done = client().post("/v1/email/complete", Map.of("token", token));

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(owner.get("/v1/me").json().get("email").asText()).isEqualTo(next);
        assertThat(owner.get("/v1/me").json().get("email_verified").asBoolean()).isTrue();
        assertThat(client().login(next, PASSWORD).status()).isEqualTo(200);
        assertThat(client().login(old, PASSWORD).status()).isEqualTo(401);
        assertThat(client().post("/v1/email/complete", Map.of("token", token)).status())
                .as("used once")
                .isEqualTo(400);
    }

    @Test
    void theCurrentPasswordIsRequiredAndAWrongOneSendsNothing() {
        String old = fresh("old");
        String next = fresh("new");
        client().signUp(old, PASSWORD);
        ApiClient owner = client();
        owner.login(old, PASSWORD);

        ApiClient.Response refused =
                owner.post("/v1/email", Map.of("current_password", "not the password at all", "new_email", next));

        assertThat(refused.status()).isEqualTo(403);
        // A later request's mails arriving shows the refused one queued none before them.
        owner.post("/v1/email", Map.of("current_password", PASSWORD, "new_email", next));
        // The outbox sends in order: the link to the new address went before the notice to the old one.
        mail.awaitMail(old, "A change of address", 1);
        assertThat(mail.receivedBy(next)).hasSize(1);
        assertThat(mail.receivedBy(old)).hasSize(2); // the sign-up's confirmation link, and the notice
    }
}
