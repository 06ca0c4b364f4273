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
 * The verification link's page in real headless Chromium against the packaged server, with the mail read
 * from a real SMTP server: the link verifies only with the account's password, so that the owner of an
 * address cannot verify an account a stranger made with it (pre-hijacking).
 */
class EmailVerificationPagesIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    static TestMailServer mail;
    static PackagedServer server;

    @BeforeAll
    static void start() throws Exception {
        mail = TestMailServer.plain();
        server = PackagedServer.start(Map.of(
                "GATEHOUSE_SMTP_URL",
                mail.url(),
                "GATEHOUSE_SMTP_ALLOW_PLAINTEXT",
                "on",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL",
                "on"));
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    @Test
    void theLinkAsksForThePasswordAndAWrongOneVerifiesNothingAndKeepsTheLink() {
        String email = "verify-" + UUID.randomUUID() + "@example.com";
        var api = new ApiClient(URI.create(server.origin()), server.origin());
        assertThat(api.signUp(email, PASSWORD).status()).isEqualTo(202);
        String link = TestMailServer.link(mail.awaitMail(email, "Confirm your address", 1));
        try (Chromium browser = Chromium.start()) {
            browser.open(link);
            assertThat(browser.path()).isEqualTo("/email/verify");
            assertThat(browser.driver().getCurrentUrl())
                    .as("the token left the address bar")
                    .doesNotContain("token");

            browser.type("password", "what the address's owner would type");
            browser.clickAndWait(By.cssSelector("#verify-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/email/verify");
            assertThat(browser.flashes()).singleElement().asString().contains("not this account's password");
            assertThat(api.login(email, PASSWORD).status())
                    .as("still unverified")
                    .isEqualTo(403);
            assertThat(browser.cookies()).containsKey("__Host-gatehouse-link");

            browser.type("password", PASSWORD);
            browser.clickAndWait(By.cssSelector("#verify-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(browser.flashes()).singleElement().asString().contains("address is confirmed");
            assertThat(browser.cookies()).doesNotContainKey("__Host-gatehouse-link");
            assertThat(api.login(email, PASSWORD).status()).isEqualTo(200);
        }
    }
}
