package dev.gatehouse.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The account pages in two real headless Chromium profiles signed in to one account. */
class AccountPagesIT extends BrowserTestBase {

    @Test
    void anAnonymousVisitorSignsInAndComesBackToThePageAskedFor() {
        String email = newAccount();
        try (Chromium browser = Chromium.start()) {
            browser.open(server.url("/account/sessions"));
            assertThat(browser.path()).isEqualTo("/login");
            browser.screenshot("login");
            browser.type("email", email);
            browser.type("password", PASSWORD);
            browser.clickAndWait(By.cssSelector("#login-form button[type=submit]"));
            assertThat(browser.path()).isEqualTo("/account/sessions");
            assertThat(browser.find(By.id("no-other-sessions")).getText()).contains("No other sessions");
            browser.screenshot("account-sessions-alone");
        }
    }

    @Test
    void twoBrowsersSeeTwoSessionsAndOneSignsTheOtherOut() {
        String email = newAccount();
        try (Chromium laptop = signedIn(email);
                Chromium phone = signedIn(email)) {

            laptop.open(server.url("/account/sessions"));
            List<WebElement> sessions = laptop.findAll(By.cssSelector("#sessions .item"));
            assertThat(sessions).hasSize(2);
            assertThat(sessions.getFirst().getText()).contains("This device").contains("Chrome on Linux");
            assertThat(sessions.get(1).getText()).doesNotContain("This device").contains("127.0.0.1");
            laptop.screenshot("account-sessions");

            laptop.clickAndWait(By.cssSelector("#sessions .item[data-current=no] button"));
            assertThat(laptop.flashes()).containsExactly("That session is signed out.");
            assertThat(laptop.findAll(By.cssSelector("#sessions .item"))).hasSize(1);

            // The phone's next click finds its session gone.
            phone.clickAndWait(By.linkText("Sessions"));
            assertThat(phone.path()).isEqualTo("/login");
        }
    }

    @Test
    void changingThePasswordSignsTheOtherBrowserOutAndKeepsThisOne() {
        String email = newAccount();
        String newPassword = "seven silver swans swimming";
        try (Chromium laptop = signedIn(email);
                Chromium phone = signedIn(email)) {

            laptop.open(server.url("/account/password"));
            laptop.type("current_password", PASSWORD);
            laptop.type("new_password", email);
            laptop.type("new_password_again", email);
            laptop.clickAndWait(By.cssSelector("#password-form button[type=submit]"));
            assertThat(laptop.flashes()).containsExactly("The password must not be the email address.");
            laptop.screenshot("account-password-refused");

            laptop.type("current_password", PASSWORD);
            laptop.type("new_password", newPassword);
            laptop.type("new_password_again", newPassword);
            laptop.clickAndWait(By.cssSelector("#password-form button[type=submit]"));
            assertThat(laptop.flashes()).singleElement().asString().startsWith("Your password is changed");
            laptop.screenshot("account-password-changed");

            phone.open(server.url("/account/"));
            assertThat(phone.path()).as("the other browser is signed out").isEqualTo("/login");
            laptop.open(server.url("/account/"));
            assertThat(laptop.path()).as("this browser stays signed in").isEqualTo("/account/");

            signIn(phone, email, newPassword);
            assertThat(phone.path()).isEqualTo("/account/");
        }
    }

    @Test
    void signingOutEverywhereEndsBothBrowsers() {
        String email = newAccount();
        try (Chromium laptop = signedIn(email);
                Chromium phone = signedIn(email)) {

            laptop.open(server.url("/account/sessions"));
            laptop.clickConfirmingAndWait(By.id("end-all"));
            assertThat(laptop.path()).isEqualTo("/login");
            assertThat(laptop.flashes()).containsExactly("You are signed out on every device.");

            phone.open(server.url("/account/"));
            assertThat(phone.path()).isEqualTo("/login");
        }
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String email = newAccount();
        String newPassword = "seven silver swans swimming";
        try (Chromium browser = signedIn(email)) {
            browser.open(server.url("/account/password"));
            // What a forged form from elsewhere lacks: the page's own token.
            browser.run("document.querySelectorAll('#password-form input[name=csrf_token]')"
                    + ".forEach(function (input) { input.remove(); });");
            browser.type("current_password", PASSWORD);
            browser.type("new_password", newPassword);
            browser.type("new_password_again", newPassword);
            browser.clickAndWait(By.cssSelector("#password-form button[type=submit]"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("This form was not accepted");
            browser.screenshot("form-without-csrf-token");
        }
        try (Chromium other = Chromium.start()) {
            signIn(other, email, PASSWORD);
            assertThat(other.path()).as("the old password still signs in").isEqualTo("/account/");
        }
    }

    @Test
    void passwordFieldsAreMaskedAndOpenToPasswordManagers() {
        String email = newAccount();
        try (Chromium browser = signedIn(email)) {
            for (String page : List.of("/account/password", "/login", "/signup")) {
                if (!page.startsWith("/account")) {
                    browser.driver().manage().deleteAllCookies();
                }
                browser.open(server.url(page));
                List<WebElement> fields = browser.findAll(By.cssSelector("input[name*=password]"));
                assertThat(fields).as(page).isNotEmpty();
                for (WebElement field : fields) {
                    assertThat(field.getAttribute("type")).as(page).isEqualTo("password");
                    assertThat(field.getAttribute("autocomplete")).as(page).isIn("current-password", "new-password");
                    assertThat(field.getAttribute("onpaste")).as(page).isNull();
                }
            }
        }
    }
}
