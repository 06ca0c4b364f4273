package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.ApiClient;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys through the pages in Chromium, with Chromium's virtual authenticator standing in for a
 * laptop's platform authenticator (CTAP2, internal, resident keys, the user verified). WebAuthn refuses
 * an IP address as RP ID, so this server's issuer, and the address the browser browses, is
 * {@code http://localhost:PORT} (a secure context, like 127.0.0.1).
 */
class PasskeyPagesIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    private static final By REMOVE = By.cssSelector("#passkeys form[action='/account/passkeys/remove']");

    private static PackagedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        int port = dev.gatehouse.server.app.GatehouseProcess.freePort();
        server = PackagedServer.start(
                Map.of("GATEHOUSE_PORT", String.valueOf(port), "GATEHOUSE_ISSUER", "http://localhost:" + port));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String newAccount() {
        String email = "passkey-" + UUID.randomUUID() + "@example.com";
        var api = new ApiClient(URI.create(server.loopback()), server.origin());
        assertThat(api.signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    private static VirtualAuthenticator platformAuthenticator(Chromium browser) {
        return ((HasVirtualAuthenticator) browser.driver())
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));
    }

    private static void signInWithPassword(Chromium browser, String email) {
        browser.open(server.url("/login"));
        browser.type("email", email);
        browser.type("password", PASSWORD);
        browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
    }

    private static void signOut(Chromium browser) {
        browser.clickAndWait(By.id("sign-out"));
        assertThat(browser.path()).isEqualTo("/login");
    }

    private static void addPasskey(Chromium browser, String name) {
        browser.open(server.url("/account/passkeys"));
        browser.type("passkey-name", name);
        clickAndWait(browser, "#add-passkey-form");
    }

    /**
     * Submits the passkey form {@code form} and waits for the next page; when none comes, fails with what
     * the page's script said and what the console logged, which is all a script's failure leaves.
     */
    private static void clickAndWait(Chromium browser, String form) {
        try {
            browser.clickAndWait(By.cssSelector(form + " button[type=submit]"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "no page after the passkey form " + form + "; it says: "
                            + browser.find(By.cssSelector(form + " [data-passkey-status]"))
                                    .getText()
                            + "; console: " + browser.consoleMessages(),
                    e);
        }
    }

    @Test
    void aPersonAddsAPasskeySignsInWithItAloneAndAfterThePasswordThenRemovesIt() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            VirtualAuthenticator authenticator = platformAuthenticator(browser);
            signInWithPassword(browser, email);
            assertThat(browser.path()).isEqualTo("/account/");
            browser.find(By.id("passkeys-link"));

            addPasskey(browser, "Work laptop");
            assertThat(browser.path()).isEqualTo("/account/passkeys");
            assertThat(browser.flashes()).singleElement().asString().startsWith("Your passkey is added");
            assertThat(authenticator.getCredentials()).singleElement().matches(c -> c.isResidentCredential());
            WebElement row = browser.find(By.cssSelector("#passkeys li.item"));
            assertThat(row.getText()).contains("Work laptop", "This device only", "last used never");
            // The session signed in with the password alone, and the account now has a second factor:
            // removing or adding another asks it to confirm first.
            assertThat(browser.findAll(REMOVE)).isEmpty();
            assertThat(browser.find(By.id("passkey-step-up-form")).isDisplayed())
                    .isTrue();
            browser.screenshot("account-passkeys-step-up");

            clickAndWait(browser, "#passkey-step-up-form");
            assertThat(browser.flashes()).singleElement().asString().startsWith("Thank you");
            assertThat(browser.find(By.cssSelector("#passkeys li.item")).getText())
                    .doesNotContain("last used never");
            assertThat(browser.findAll(REMOVE)).hasSize(1);
            browser.find(By.cssSelector("#passkeys details summary")).click();
            WebElement newName = browser.find(By.cssSelector("#passkeys details input[name=name]"));
            newName.clear();
            newName.sendKeys("Old laptop");
            browser.clickAndWait(By.cssSelector("#passkeys details button[type=submit]"));
            assertThat(browser.flashes()).singleElement().asString().isEqualTo("The passkey is renamed.");
            assertThat(browser.find(By.cssSelector("#passkeys li.item")).getText())
                    .contains("Old laptop");
            browser.screenshot("account-passkeys");
            browser.open(server.url("/account/factors"));
            assertThat(browser.find(By.id("passkeys-status")).getAttribute("data-passkeys"))
                    .isEqualTo("1");
            assertThat(browser.find(By.id("totp-status")).getText()).startsWith("Your passkeys are your second factor");

            signOut(browser);
            clickAndWait(browser, "#passkey-login-form");
            assertThat(browser.path()).isEqualTo("/account/");
            assertThat(browser.find(By.cssSelector("[data-testid=signed-in-as]"))
                            .getText())
                    .isEqualTo(email);

            signOut(browser);
            signInWithPassword(browser, email);
            assertThat(browser.path()).isEqualTo("/login/second-factor");
            assertThat(browser.findAll(By.id("code-form"))).isEmpty();
            browser.screenshot("login-second-factor-passkey");
            clickAndWait(browser, "#passkey-second-factor-form");
            assertThat(browser.path()).isEqualTo("/account/");
            assertThat(browser.cookies()).containsKey("__Host-gatehouse").doesNotContainKey("__Host-gatehouse-mfa");

            // Signed in with the password and the passkey just now: removing needs no further confirmation.
            browser.open(server.url("/account/passkeys"));
            browser.clickConfirmingAndWait(By.cssSelector("#passkeys form[action='/account/passkeys/remove'] button"));
            assertThat(browser.flashes()).singleElement().asString().startsWith("The passkey is removed");
            browser.find(By.id("no-passkeys"));

            signOut(browser);
            signInWithPassword(browser, email);
            assertThat(browser.path()).isEqualTo("/account/");
            assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
        }
    }

    @Test
    void aPasskeySignInContinuesToTheReturnToPath() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            platformAuthenticator(browser);
            signInWithPassword(browser, email);
            addPasskey(browser, "Phone");
            signOut(browser);

            browser.open(server.url("/login?return_to=%2Faccount%2Fsessions"));
            browser.screenshot("login-with-passkey");
            clickAndWait(browser, "#passkey-login-form");
            assertThat(browser.path()).isEqualTo("/account/sessions");
        }
    }

    @Test
    void aBrowserWithoutThePasskeyIsNotSignedInByIt() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            platformAuthenticator(browser);
            signInWithPassword(browser, email);
            addPasskey(browser, "Laptop");
        }
        try (Chromium other = Chromium.start()) {
            // An authenticator of its own, with no credential for this site.
            platformAuthenticator(other);
            other.open(server.url("/login"));
            other.find(By.id("passkey-sign-in")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(other.driver(), java.time.Duration.ofSeconds(20))
                    .until(d -> !d.findElement(By.cssSelector("#passkey-login-form [data-passkey-status]"))
                            .getText()
                            .startsWith("Follow"));
            assertThat(other.find(By.cssSelector("#passkey-login-form [data-passkey-status]"))
                            .getText())
                    .startsWith("No passkey was used");
            assertThat(other.cookies()).doesNotContainKey("__Host-gatehouse");
        }
    }

    @Test
    void aBrowserWithoutWebAuthnIsToldSoAndKeepsThePasswordForm() {
        try (Chromium browser = Chromium.start()) {
            // As an old browser: no PublicKeyCredential before any page script runs.
            ((org.openqa.selenium.chrome.ChromeDriver) browser.driver())
                    .executeCdpCommand(
                            "Page.addScriptToEvaluateOnNewDocument",
                            Map.of("source", "delete window.PublicKeyCredential;"));
            browser.open(server.url("/login"));

            assertThat(browser.find(By.id("passkey-login-form")).isDisplayed()).isFalse();
            assertThat(browser.find(By.cssSelector("[data-passkey-unavailable]"))
                            .isDisplayed())
                    .isTrue();
            assertThat(browser.find(By.cssSelector("[data-passkey-unavailable]"))
                            .getText())
                    .contains("needs JavaScript and a browser that supports passkeys");
            assertThat(browser.find(By.id("login-form")).isDisplayed()).isTrue();
            browser.screenshot("login-without-webauthn");
        }
    }
}
