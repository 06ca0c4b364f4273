package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.server.mail.TestMailServer;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * "Forgot your password?" in real headless Chromium against the packaged server, with the mail read
 * from a real SMTP server: the link's token leaves the address bar, the new password signs in.
 */
class PasswordResetPagesIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final String NEW_PASSWORD = "seven quiet herons at dawn";

    static TestMailServer mail;
    static PackagedServer server;

    @BeforeAll
    static void start() throws Exception {
        mail = TestMailServer.plain();
        server = PackagedServer.start(Map.of("GATEHOUSE_SMTP_URL", mail.url(), "GATEHOUSE_SMTP_ALLOW_PLAINTEXT", "on"));
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    @Test
    void forgotPasswordThenMailThenLinkThenNewPasswordThenSignedIn() {
        String email = "forgetful-" + UUID.randomUUID() + "@example.com";
        var api = new ApiClient(URI.create(server.origin()), server.origin());
        assertThat(api.signUp(email, PASSWORD).status()).isEqualTo(202);
        try (Chromium browser = Chromium.start()) {
            browser.open(server.url("/login"));
            browser.clickAndWait(By.id("forgot-password"));
            assertThat(browser.path()).isEqualTo("/password-reset");
            browser.screenshot("password-reset-request");
            browser.type("email", email);
            browser.clickAndWait(By.cssSelector("#reset-request-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(browser.flashes()).singleElement().asString().contains("on its way");

            String link = TestMailServer.link(mail.awaitMail(email, "Set a new password", 1));
            assertThat(link).startsWith(server.url("/password-reset/new?token="));
            browser.open(link);

            assertThat(browser.path()).isEqualTo("/password-reset/new");
            assertThat(browser.driver().getCurrentUrl())
                    .as("the token left the address bar")
                    .doesNotContain("token");
            assertThat(browser.cookies()).containsKey("__Host-gatehouse-link");
            browser.screenshot("password-reset-new");
            browser.type("password", NEW_PASSWORD);
            browser.clickAndWait(By.cssSelector("#reset-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(browser.flashes()).singleElement().asString().contains("new password is set");
            assertThat(browser.cookies()).doesNotContainKey("__Host-gatehouse-link");

            browser.type("email", email);
            browser.type("password", NEW_PASSWORD);
            browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/account/");
            assertThat(browser.find(By.cssSelector("[data-testid=signed-in-as]"))
                            .getText())
                    .isEqualTo(email);

            browser.open(link);
            assertThat(browser.path()).isEqualTo("/password-reset/new");
            assertThat(browser.flashes())
                    .as("a used link")
                    .singleElement()
                    .asString()
                    .contains("unknown, used");
        }
    }
}
