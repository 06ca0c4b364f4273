package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.http.ApiClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in real headless Chromium against the packaged server. The server asks for the
 * password before every sensitive act ({@code GATEHOUSE_ADMIN_REAUTHENTICATION=0s}), so the prompt is
 * seen without waiting ten minutes; {@code AdminPagesHttpIT} tests the ten-minute window on a test clock.
 */
class AdminConsoleIT extends BrowserTestBase {

    /** One administrator for the class, made once with the CLI (a JVM start each time is slow). */
    static String adminEmail;

    /** Hides {@link BrowserTestBase#startServer()}: this class's server asks for the password every time. */
    @BeforeAll
    static void startServer() throws Exception {
        server = PackagedServer.start(Map.of("GATEHOUSE_ADMIN_REAUTHENTICATION", "0s"));
        adminEmail = createAdmin();
    }

    @Test
    void anAdminSignsAUserOutEverywhereThenLocksThemAndTheirBrowserLosesAccessAtOnce() {
        String userEmail = newAccount();
        try (Chromium admin = signedIn(adminEmail);
                Chromium user = signedIn(userEmail)) {
            admin.clickAndWait(By.id("admin-link"));
            assertThat(admin.path()).isEqualTo("/admin/");
            admin.screenshot("admin-dashboard");

            openUser(admin, userEmail);
            assertThat(admin.find(By.id("user-sessions")).getText()).contains("Chrome on Linux");
            admin.screenshot("admin-user");
            admin.clickConfirmingAndWait(By.cssSelector("#sign-out-form button"));
            assertThat(admin.flashes()).containsExactly("Every session and token login of the account has ended.");
            assertThat(admin.find(By.id("no-sessions")).getText()).contains("No live browser sessions");

            user.clickAndWait(By.linkText("Sessions"));
            assertThat(user.path())
                    .as("the user's next click finds the session gone")
                    .isEqualTo("/login");

            signIn(user, userEmail, PASSWORD);
            assertThat(user.path()).isEqualTo("/account/");
            admin.open(admin.driver().getCurrentUrl());
            admin.clickConfirmingAndWait(By.cssSelector("#lock-form button"));
            assertThat(admin.flashes()).containsExactly("The account is locked, and every session of it has ended.");
            assertThat(admin.find(By.cssSelector("[data-testid=user-status]")).getText())
                    .contains("Locked");

            user.clickAndWait(By.linkText("Sessions"));
            assertThat(user.path()).isEqualTo("/login");
            signIn(user, userEmail, PASSWORD);
            assertThat(user.path()).as("a locked account cannot sign in").isEqualTo("/login");
            assertThat(user.flashes()).containsExactly("That e-mail address and password do not match an account.");

            admin.clickAndWait(By.cssSelector("#unlock-form button"));
            assertThat(admin.flashes()).containsExactly("The account is unlocked; its failed sign-ins are forgiven.");
            signIn(user, userEmail, PASSWORD);
            assertThat(user.path()).isEqualTo("/account/");
        }
    }

    @Test
    void anAdminCreatesAClientAndSeesItsSecretOnceOnly() {
        String clientId = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        try (Chromium admin = signedIn(adminEmail)) {
            admin.open(server.url("/admin/clients"));
            admin.clickAndWait(By.id("new-client"));
            admin.type("client_id", clientId);
            admin.find(By.cssSelector("input[name=type][value=confidential]")).click();
            admin.type("audiences", "orders-api");
            admin.type("reauth_password", PASSWORD);
            admin.clickAndWait(By.cssSelector("#client-form button[type=submit]"));

            assertThat(admin.flashes()).containsExactly("The client " + clientId + " is registered.");
            String secret = admin.find(By.id("client-secret")).getText();
            assertThat(secret).matches("[A-Za-z0-9_-]{20,}");
            assertThat(admin.find(By.cssSelector("button[data-copy=client-secret]"))
                            .isDisplayed())
                    .as("the script shows the copy button")
                    .isTrue();
            admin.screenshot("admin-client-created");

            admin.clickAndWait(By.id("done"));
            assertThat(admin.find(By.id("clients")).getText()).contains(clientId);
            assertThat(admin.driver().getPageSource()).doesNotContain(secret);
            admin.driver().navigate().back();
            new WebDriverWait(admin.driver(), java.time.Duration.ofSeconds(20))
                    .until(d -> !d.getCurrentUrl().endsWith("/admin/clients")
                            || !d.getPageSource().contains("id=\"clients\""));
            assertThat(admin.driver().getPageSource())
                    .as("Back does not bring the secret up again")
                    .doesNotContain(secret);
        }
    }

    /** An OpenID Connect web app: its redirect URI is typed into the form, its secret shown once. */
    @Test
    void anAdminRegistersAWebAppWithItsRedirectUriAndSeesItsSecretOnce() {
        String clientId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String redirect = "https://" + clientId + ".example/login/oauth2/code/gatehouse";
        try (Chromium admin = signedIn(adminEmail)) {
            admin.open(server.url("/admin/clients/new"));
            admin.type("client_id", clientId);
            admin.find(By.cssSelector("input[name=type][value=web]")).click();
            admin.type("redirect_uris", redirect);
            admin.type("reauth_password", PASSWORD);
            admin.clickAndWait(By.cssSelector("#client-form button[type=submit]"));

            assertThat(admin.flashes()).containsExactly("The client " + clientId + " is registered.");
            String secret = admin.find(By.id("client-secret")).getText();
            assertThat(secret).matches("[A-Za-z0-9_-]{20,}");

            admin.clickAndWait(By.id("done"));
            assertThat(admin.find(By.id("clients")).getText()).contains(clientId);
            assertThat(admin.driver().getPageSource()).doesNotContain(secret);
        }
        var api = new ApiClient(URI.create(server.origin()), server.origin());
        assertThat(api.login(adminEmail, PASSWORD).status()).isEqualTo(200);
        assertThat(api.get("/admin/v1/clients").body()).contains(redirect);
    }

    @Test
    void anAdminRotatesTheKeysAfterGivingThePasswordAgain() {
        try (Chromium admin = signedIn(adminEmail)) {
            admin.open(server.url("/admin/keys"));
            String active = activeKid(admin);
            assertThat(admin.find(By.id("reauth-hint")).getText()).contains("confirm it is you");

            admin.type("reauth_password", "not the password");
            admin.clickConfirmingAndWait(By.id("rotate"));
            assertThat(admin.flashes()).containsExactly("That password is not right; nothing was changed.");
            assertThat(activeKid(admin)).isEqualTo(active);

            admin.type("reauth_password", PASSWORD);
            admin.clickConfirmingAndWait(By.id("rotate"));
            assertThat(admin.flashes()).containsExactly("The signing keys are rotated: the next key is now active.");
            assertThat(activeKid(admin)).isNotEqualTo(active);
            assertThat(admin.findAll(By.cssSelector("#keys tr[data-state=retired]")))
                    .extracting(row -> row.getAttribute("data-kid"))
                    .contains(active);
            admin.screenshot("admin-keys");
        }
    }

    @Test
    void anAdminFiltersTheAuditTrailByType() {
        String userEmail = newAccount();
        var api = new ApiClient(URI.create(server.origin()), server.origin());
        assertThat(api.login(userEmail, "a wrong password").status()).isEqualTo(401);
        try (Chromium admin = signedIn(adminEmail)) {
            admin.open(server.url("/admin/audit"));
            new Select(admin.find(By.id("type"))).selectByValue("login_failed");
            admin.clickAndWait(By.cssSelector("#audit-filter button[type=submit]"));

            assertThat(admin.driver().getCurrentUrl()).contains("type=login_failed");
            List<WebElement> events = admin.findAll(By.cssSelector("#events .event"));
            assertThat(events).isNotEmpty();
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.getAttribute("data-type")).isEqualTo("login_failed"));
            admin.screenshot("admin-audit");
            assertThat(admin.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
        }
    }

    @Test
    void aSignedInUserWhoIsNoAdminGetsA403Page() {
        try (Chromium user = signedIn(newAccount())) {
            assertThat(user.findAll(By.id("admin-link"))).isEmpty();
            user.open(server.url("/admin/users"));
            assertThat(user.find(By.tagName("h1")).getText()).isEqualTo("Forbidden");
            assertThat(user.find(By.cssSelector("p.lead")).getText())
                    .contains("The admin console is for administrators.");
            user.screenshot("admin-forbidden");
        }
    }

    @Test
    void theUserSearchWorksByKeyboardAlone() {
        String userEmail = newAccount();
        try (Chromium admin = signedIn(adminEmail)) {
            admin.open(server.url("/admin/users"));
            WebElement active = admin.driver().switchTo().activeElement();
            for (int i = 0; i < 20 && !"q".equals(active.getAttribute("id")); i++) {
                active.sendKeys(Keys.TAB);
                active = admin.driver().switchTo().activeElement();
            }
            assertThat(active.getAttribute("id"))
                    .as("Tab reaches the search field")
                    .isEqualTo("q");
            WebElement html = admin.find(By.tagName("html"));
            active.sendKeys(userEmail, Keys.ENTER);
            admin.awaitReplaced(html);

            active = admin.find(By.id("q"));
            active.sendKeys(Keys.TAB);
            active = admin.driver().switchTo().activeElement();
            active.sendKeys(Keys.TAB);
            active = admin.driver().switchTo().activeElement();
            assertThat(active.getText())
                    .as("the next stop after the search button is the user found")
                    .isEqualTo(userEmail);
            html = admin.find(By.tagName("html"));
            active.sendKeys(Keys.ENTER);
            admin.awaitReplaced(html);
            assertThat(admin.find(By.id("user-heading")).getText()).isEqualTo(userEmail);
        }
    }

    @Test
    void theDashboardFitsAPhoneScreen() {
        try (Chromium phone = Chromium.start(390, 844)) {
            signIn(phone, adminEmail, PASSWORD);
            for (String path : List.of("/admin/", "/admin/users", "/admin/audit", "/admin/keys")) {
                phone.open(server.url(path));
                assertThat(phone.run("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no sideways scrolling at phone width on " + path)
                        .isEqualTo(true);
            }
            phone.open(server.url("/admin/"));
            phone.screenshot("admin-dashboard-phone");
        }
    }

    /** Finds the user through the search form and opens their page. */
    private static void openUser(Chromium admin, String email) {
        admin.open(server.url("/admin/users"));
        admin.type("q", email);
        admin.clickAndWait(By.cssSelector("#user-search button[type=submit]"));
        admin.clickAndWait(By.linkText(email));
        assertThat(admin.find(By.id("user-heading")).getText()).isEqualTo(email);
    }

    private static String activeKid(Chromium admin) {
        return admin.find(By.cssSelector("#keys tr[data-state=active]")).getAttribute("data-kid");
    }

    /** A new administrator, made with the CLI as an operator would; returns the address. */
    private static String createAdmin() {
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        try {
            var result =
                    server.cli(PASSWORD + "\n", "users", "create", "--admin", "--email", email, "--password-stdin");
            assertThat(result.exitCode()).as(result.output()).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return email;
    }
}
