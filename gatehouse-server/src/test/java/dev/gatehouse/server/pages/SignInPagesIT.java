package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** The hosted sign-up and sign-in pages in real headless Chromium against the packaged server. */
class SignInPagesIT extends BrowserTestBase {

    @Test
    void aNewcomerSignsUpThenSignsInAndSeesTheirAccount() {
        String email = "newcomer-" + UUID.randomUUID() + "@example.com";
        try (Chromium browser = Chromium.start()) {
            browser.open(server.url("/login"));
            browser.clickAndWait(By.linkText("Create an account"));
            assertThat(browser.path()).isEqualTo("/signup");
            browser.type("email", email);
            browser.type("password", "password");
            browser.clickAndWait(By.cssSelector("#signup-form button[type=submit]"));
            assertThat(browser.flashes()).containsExactly("That password is too common; choose another.");
            browser.screenshot("signup-weak-password");

            browser.type("password", PASSWORD);
            browser.clickAndWait(By.cssSelector("#signup-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(browser.flashes()).singleElement().asString().contains("sign in");
            browser.screenshot("login-after-signup");

            browser.type("email", email);
            browser.type("password", PASSWORD);
            browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/account/");
            assertThat(browser.find(By.cssSelector("[data-testid=signed-in-as]"))
                            .getText())
                    .isEqualTo(email);
            assertThat(browser.find(By.cssSelector("[data-testid=profile-email]"))
                            .getText())
                    .isEqualTo(email);
            assertThat(browser.cookies()).containsKeys("__Host-gatehouse", "__Host-gatehouse-device");
            browser.screenshot("account-profile");

            browser.clickAndWait(By.id("sign-out"));
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(browser.flashes()).containsExactly("You are signed out.");
            assertThat(browser.cookies()).doesNotContainKey("__Host-gatehouse");
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSamePage() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            signIn(browser, email, "not the right password at all");
            String wrongPassword = browser.find(By.id("main")).getText();
            List<String> wrongPasswordFlashes = browser.flashes();
            browser.screenshot("login-refused");

            signIn(browser, "nobody-" + UUID.randomUUID() + "@example.com", "not the right password at all");
            String unknownAddress = browser.find(By.id("main")).getText();

            assertThat(wrongPasswordFlashes).containsExactly(SignInPages.REFUSED);
            assertThat(browser.flashes()).isEqualTo(wrongPasswordFlashes);
            assertThat(unknownAddress).isEqualTo(wrongPassword);
            assertThat(browser.path()).isEqualTo("/login");
        }
    }

    @Test
    void anAllowedReturnToIsFollowedAndNoHostileOneIs() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            browser.open(server.url("/login?return_to=" + encode("/account/password")));
            browser.type("email", email);
            browser.type("password", PASSWORD);
            browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
            assertThat(browser.path()).as("the allowed place is honoured").isEqualTo("/account/password");
        }
        List<String> hostile = List.of(
                "https://example.org/",
                "//example.org/account/",
                "/\\example.org",
                "/%2F%2Fexample.org",
                "%2F%2Fexample.org",
                "/account/..%2F..%2Fexample.org",
                "/account/\\\\example.org",
                "http:example.org",
                "/account/\r\nLocation: https://example.org");
        try (Chromium browser = Chromium.start()) {
            for (String target : hostile) {
                browser.driver().manage().deleteAllCookies();
                browser.open(server.url("/login?return_to=" + encode(target)));
                browser.type("email", email);
                browser.type("password", PASSWORD);
                browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
                assertThat(browser.authority())
                        .as(target)
                        .isEqualTo(server.origin().substring("http://".length()));
                assertThat(browser.path()).as(target).isEqualTo("/account/");
            }
        }
    }

    @Test
    void theSignInFormWorksWithTheKeyboardAlone() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            browser.open(server.url("/login"));
            var active = browser.driver().switchTo().activeElement();
            assertThat(active.getAttribute("id"))
                    .as("the address field has the focus")
                    .isEqualTo("email");
            active.sendKeys(email, Keys.TAB);
            active = browser.driver().switchTo().activeElement();
            assertThat(active.getAttribute("id")).isEqualTo("password");
            var html = browser.find(By.tagName("html"));
            active.sendKeys(PASSWORD, Keys.ENTER);
            browser.awaitReplaced(html);
            assertThat(browser.find(By.cssSelector("[data-testid=signed-in-as]"))
                            .getText())
                    .isEqualTo(email);
            assertThat(browser.path()).isEqualTo("/account/");
        }
    }

    @Test
    void thePagesRunNoInlineCodeSoTheStrictPolicyReportsNoViolation() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            browser.open(server.url("/login"));
            browser.open(server.url("/signup"));
            signIn(browser, email, PASSWORD);
            browser.open(server.url("/account/sessions"));
            browser.open(server.url("/account/password"));
            assertThat(browser.consoleMessages())
                    .as("no Content-Security-Policy violation on any page")
                    .noneMatch(message -> message.contains("Content Security Policy"));
            String source = browser.driver().getPageSource();
            assertThat(source)
                    .doesNotContain("<style")
                    .doesNotContainPattern("(?i)\\sstyle=")
                    .doesNotContainPattern("(?i)\\son[a-z]+=");
            assertThat(source).doesNotContainPattern("<script(?![^>]*\\ssrc=)");

            // The guard can fail: inline code is refused by the policy and shows in the console.
            browser.run(
                    "var s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.appendChild(s);");
            assertThat(browser.run("return window.x === undefined")).isEqualTo(true);
            assertThat(browser.consoleMessages()).anyMatch(message -> message.contains("Content Security Policy"));
        }
    }

    @Test
    void theSignInPageFitsAPhoneScreen() {
        try (Chromium phone = Chromium.start(390, 844)) {
            phone.open(server.url("/login"));
            assertThat(phone.run("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at phone width")
                    .isEqualTo(true);
            phone.screenshot("login-phone");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
