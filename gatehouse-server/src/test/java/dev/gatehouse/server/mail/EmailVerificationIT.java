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
 * Sign-up with open registration: a new address is mailed a confirmation link and cannot sign in until
 * it is followed; a taken address gets the same 202 and its owner a warning instead.
 */
class EmailVerificationIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static TestMailServer mail;
    static RunningGatehouse server;

    @BeforeAll
    static void start() {
        mail = TestMailServer.plain();
        server = RunningGatehouse.start(
                dataDirectory,
                Map.of(
                        "GATEHOUSE_REQUIRE_VERIFIED_EMAIL", "auto",
                        "GATEHOUSE_SMTP_URL", mail.url(),
                        "GATEHOUSE_SMTP_ALLOW_PLAINTEXT", "on"));
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    private static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    private static String fresh() {
        return "verify-" + UUID.randomUUID() + "@example.com";
    }

    private static ApiClient.Response verify(String token) {
        return verify(token, PASSWORD);
    }

    private static ApiClient.Response verify(String token, String password) {
        return client().post("/v1/email-verification/complete", Map.of("token", token, "password", password));
    }

    @Test
    void signInWaitsUntilTheMailedLinkIsFollowed() throws Exception {
        String email = fresh();
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);

        ApiClient.Response early = client().login(email, PASSWORD);
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:email-not-verified");

        MimeMessage confirm = mail.awaitMail(email, 1);
        assertThat(confirm.getSubject()).isEqualTo("Confirm your address for auth.example.test");
        String link = TestMailServer.link(confirm);
        assertThat(link).startsWith(RunningGatehouse.ISSUER + "/email/verify?token=");
        assertThat(TestMailServer.part(confirm, "text/html")).contains(link);
        assertThat(TestMailServer.part(confirm, "text/plain"))
                .as("the mail says the link needs the password, and what an owner who did not sign up does")
                .contains("with the password you chose")
                .contains("reset its password");

        assertThat(verify(TestMailServer.token(link)).status()).isEqualTo(200);
        assertThat(verify(TestMailServer.token(link)).status()).as("used once").isEqualTo(400);
        ApiClient signedIn = client();
        assertThat(signedIn.login(email, PASSWORD).status()).isEqualTo(200);
        assertThat(signedIn.get("/v1/me").json().get("email_verified").asBoolean())
                .isTrue();
    }

    @Test
    void theLinkAloneDoesNotVerifyAStrangersSignUpWithTheAddress() {
        // A stranger signs up with someone else's address and a password of their own (PASSWORD); the
        // address's owner follows the mailed link but cannot give that password.
        String email = fresh();
        client().signUp(email, PASSWORD);
        String token = TestMailServer.token(TestMailServer.link(mail.awaitMail(email, 1)));

        ApiClient.Response owner = verify(token, "the owner's own password");
        assertThat(owner.status()).isEqualTo(401);
        assertThat(owner.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:invalid-credentials");
        assertThat(client().login(email, PASSWORD).status())
                .as("the stranger still cannot sign in")
                .isEqualTo(403);
        assertThat(verify(token).status()).as("the link is still unused").isEqualTo(200);
    }

    @Test
    void aTakenAddressGetsTheSameAnswerAndItsOwnerAWarning() throws Exception {
        String email = fresh();
        ApiClient.Response first = client().signUp(email, PASSWORD);
        ApiClient.Response again = client().signUp(email, "a different password entirely");

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        MimeMessage warning = mail.awaitMail(email, 2);
        assertThat(warning.getSubject()).isEqualTo("Someone tried to sign up on auth.example.test with your address");
        assertThat(TestMailServer.part(warning, "text/plain"))
                .contains(RunningGatehouse.ISSUER + "/password-reset")
                .doesNotContain("token=");
    }

    @Test
    void sendingAgainSupersedesTheFirstLinkAndRevealsNothing() {
        String email = fresh();
        client().signUp(email, PASSWORD);
        String first = TestMailServer.token(TestMailServer.link(mail.awaitMail(email, 1)));

        ApiClient.Response resent = client().post("/v1/email-verification", Map.of("email", email));
        ApiClient.Response unknown = client().post("/v1/email-verification", Map.of("email", fresh()));

        assertThat(resent.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(resent.body());
        String second = TestMailServer.token(TestMailServer.link(mail.awaitMail(email, 2)));
        assertThat(verify(first).status()).isEqualTo(400);
        assertThat(verify(second).status()).isEqualTo(200);
    }
}
