package dev.gatehouse.examples.oauthdefaults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.examples.browser.ExampleBrowser;
import dev.gatehouse.server.app.EmbeddedGatehouse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 15, to the letter: a Spring Boot 4 app given nothing but Gatehouse's {@code issuer-uri}, a client
 * id and its secret — no scope, no bean, Spring Boot's own security defaults — signs a user in through
 * Gatehouse's hosted page in headless Chromium and shows the user's e-mail. Spring requests no scope
 * then, Gatehouse grants its default {@code openid email profile}, and Spring reads the user from the
 * userinfo endpoint. (Spring decides between OpenID Connect and plain OAuth 2 by the scopes it asked
 * for, so its back-channel logout needs {@code scope: openid}: see {@code SpringOidcLoginIT}.)
 */
class SpringLoginWithThreeSettingsIT {
    private static final String EMAIL = "three-settings@example.com";
    private static final String PASSWORD = "purple elephants dance quietly";

    /** The whole app: one page that greets the signed-in user; security is Spring Boot's default. */
    @SpringBootApplication
    @RestController
    static class PlainApplication {
        @GetMapping("/")
        String home(@AuthenticationPrincipal OAuth2User user) {
            return "Signed in as " + user.getAttribute("email");
        }
    }

    @Test
    void signsInAndShowsTheEmailWithOnlyTheIssuerUriClientIdAndSecret() throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        int appPort = ExampleBrowser.freePort();
        String app = "http://127.0.0.1:" + appPort;
        try (EmbeddedGatehouse gatehouse = EmbeddedGatehouse.startOnLoopback(Map.of())) {
            String secret = gatehouse
                    .gatehouse()
                    .clients()
                    .create(
                            new ClientId("plain-shop"),
                            ClientType.WEB,
                            new NewClientSettings(
                                    GrantType.defaultsFor(ClientType.WEB),
                                    List.of(),
                                    Set.of(),
                                    false,
                                    new SignInRegistration(
                                            List.of(app + "/login/oauth2/code/gatehouse"),
                                            List.of(),
                                            Optional.empty(),
                                            true)))
                    .orElseThrow()
                    .secret()
                    .orElseThrow();
            gatehouse.gatehouse().accounts().signUp(EMAIL, new Password(PASSWORD), Role.USER);
            ChromeDriver browser = null;
            try (ConfigurableApplicationContext spring = new SpringApplication(PlainApplication.class)
                    .run(
                            "--server.port=" + appPort,
                            "--server.address=127.0.0.1",
                            "--spring.main.banner-mode=off",
                            "--spring.security.oauth2.client.provider.gatehouse.issuer-uri=" + gatehouse.issuer(),
                            "--spring.security.oauth2.client.registration.gatehouse.client-id=plain-shop",
                            "--spring.security.oauth2.client.registration.gatehouse.client-secret=" + secret)) {
                assertThat(spring.isActive())
                        .as("the app started on the three settings")
                        .isTrue();
                browser = ExampleBrowser.start(Files.createTempDirectory("gatehouse-spring-plain-chromium"));
                browser.get(app + "/");
                ChromeDriver shown = browser;
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                wait.withMessage(() -> "at " + shown.getCurrentUrl() + ": " + shown.getPageSource());
                wait.until(driver -> driver.getCurrentUrl().startsWith(gatehouse.issuer() + "/login"));
                browser.findElement(By.id("email")).sendKeys(EMAIL);
                browser.findElement(By.id("password")).sendKeys(PASSWORD);
                browser.findElement(By.cssSelector("#login-form button[type=submit]"))
                        .click();

                wait.until(driver -> driver.getCurrentUrl().startsWith(app + "/")
                        && driver.getPageSource().contains("Signed in as "));
                assertThat(browser.getPageSource()).contains("Signed in as " + EMAIL);
            } finally {
                if (browser != null) {
                    browser.quit();
                }
            }
        }
    }
}
