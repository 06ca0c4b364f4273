package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.ApiClient;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;

/** One packaged server per test class, used through real headless Chromium. Each test makes its own accounts. */
abstract class BrowserTestBase {
    static final String PASSWORD = "purple elephants dance quietly";

    static PackagedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PackagedServer.start(Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A new account, made through the API (the sign-up page has a test of its own); returns its address. */
    static String newAccount() {
        String email = "page-" + UUID.randomUUID() + "@example.com";
        var api = new ApiClient(URI.create(server.origin()), server.origin());
        assertThat(api.signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    /** A new browser, signed in to {@code email} through the sign-in page. */
    static Chromium signedIn(String email) {
        Chromium browser = Chromium.start();
        try {
            signIn(browser, email, PASSWORD);
            return browser;
        } catch (RuntimeException | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    /** Signs {@code browser} in through the sign-in page and waits for the page after it. */
    static void signIn(Chromium browser, String email, String password) {
        browser.open(server.url("/login"));
        browser.type("email", email);
        browser.type("password", password);
        browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
    }
}
