package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.TotpCalculator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Setting up an authenticator app on the account page and signing in with it, in Chromium. */
class SecondFactorPagesIT extends BrowserTestBase {

    /** The code of the step after now's: accepted (one step of skew) and later than any code used before. */
    private static String nextCode(String key) {
        return TotpCalculator.at(key, Instant.now().plusSeconds(30));
    }

    @Test
    void aPersonSetsUpAnAppThenSignsInWithItsCodeOrARecoveryCode() {
        String email = newAccount();
        String key;
        List<String> recoveryCodes;
        try (Chromium browser = signedIn(email)) {
            browser.open(server.url("/account/factors"));
            assertThat(browser.find(By.id("totp-status")).getAttribute("data-totp"))
                    .isEqualTo("off");
            browser.clickAndWait(By.cssSelector("#add-totp-form button[type=submit]"));

            assertThat(browser.find(By.id("totp-qr")).findElements(By.tagName("path")))
                    .hasSize(1);
            key = browser.find(By.id("totp-secret")).getText();
            assertThat(key.replace(" ", "")).matches("[A-Z2-7]{32}");
            browser.screenshot("account-totp-enrol");

            browser.type("code", "000000".equals(nextCode(key)) ? "111111" : "000000");
            browser.clickAndWait(By.cssSelector("#confirm-totp-form button[type=submit]"));
            assertThat(browser.flashes()).singleElement().asString().startsWith("That code is not right.");

            browser.type("code", TotpCalculator.at(key, Instant.now()));
            browser.clickAndWait(By.cssSelector("#confirm-totp-form button[type=submit]"));
            recoveryCodes = browser.findAll(By.cssSelector("#recovery-codes code")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(recoveryCodes).hasSize(10).allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
            browser.screenshot("account-recovery-codes");

            browser.open(server.url("/account/factors"));
            assertThat(browser.find(By.id("totp-status")).getAttribute("data-totp"))
                    .isEqualTo("on");
            assertThat(browser.find(By.id("recovery-status")).getAttribute("data-left"))
                    .isEqualTo("10");
        }

        try (Chromium browser = Chromium.start()) {
            signIn(browser, email, PASSWORD);
            assertThat(browser.path()).isEqualTo("/login/second-factor");
            assertThat(browser.cookies()).containsKey("__Host-gatehouse-mfa").doesNotContainKey("__Host-gatehouse");
            browser.screenshot("login-second-factor");

            browser.type("code", nextCode(key));
            browser.clickAndWait(By.cssSelector("#code-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/account/");
            assertThat(browser.cookies()).containsKey("__Host-gatehouse").doesNotContainKey("__Host-gatehouse-mfa");
        }

        try (Chromium browser = Chromium.start()) {
            signIn(browser, email, PASSWORD);
            browser.find(By.cssSelector("details summary")).click();
            browser.type("recovery_code", recoveryCodes.get(4).toUpperCase(java.util.Locale.ROOT));
            browser.clickAndWait(By.cssSelector("#recovery-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/account/");

            browser.open(server.url("/account/factors"));
            assertThat(browser.find(By.id("recovery-status")).getAttribute("data-left"))
                    .isEqualTo("9");
        }
    }

    @Test
    void aPasswordAloneLeavesTheBrowserWithoutASession() {
        String email = newAccount();
        try (Chromium browser = signedIn(email)) {
            browser.open(server.url("/account/factors"));
            browser.clickAndWait(By.cssSelector("#add-totp-form button[type=submit]"));
            String key = browser.find(By.id("totp-secret")).getText();
            browser.type("code", TotpCalculator.at(key, Instant.now()));
            browser.clickAndWait(By.cssSelector("#confirm-totp-form button[type=submit]"));
        }
        try (Chromium browser = Chromium.start()) {
            signIn(browser, email, PASSWORD);
            assertThat(browser.path()).isEqualTo("/login/second-factor");

            browser.open(server.url("/account/"));
            assertThat(browser.path()).as("the pending login is no session").isEqualTo("/login");
        }
    }
}
