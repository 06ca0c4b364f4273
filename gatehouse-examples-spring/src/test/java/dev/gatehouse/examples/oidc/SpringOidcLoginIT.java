package dev.gatehouse.examples.oidc;

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
import dev.gatehouse.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 15: a Spring Boot 4 web app whose sign-in is {@code spring-boot-starter-oauth2-client} given
 * nothing but Gatehouse's {@code issuer-uri}, a client id, its secret and the scopes {@code openid,email},
 * against a Gatehouse with its default settings (ID tokens RS256, access tokens ES256), signs a user in
 * through a real
 * headless Chromium (Gatehouse's hosted sign-in page), and Spring's own OpenID Connect back-channel
 * logout ends the app's session when the user signs out at Gatehouse.
 */
class SpringOidcLoginIT {
    private static final String EMAIL = "oidc-spring@example.com";
    private static final String PASSWORD = "purple elephants dance quietly";

    private static EmbeddedGatehouse gatehouse;
    private static ConfigurableApplicationContext spring;
    private static ChromeDriver browser;
    private static Path profile;
    private static String app;

    /** The whole app: one page that greets the signed-in user, and Spring Security's OIDC defaults. */
    @SpringBootApplication
    @RestController
    static class ShopApplication {
        @GetMapping("/")
        String home(@AuthenticationPrincipal OidcUser user) {
            return "Signed in as " + user.getEmail();
        }

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2Login(Customizer.withDefaults())
                    .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()));
            return http.build();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        int appPort = ExampleBrowser.freePort();
        app = "http://127.0.0.1:" + appPort;
        // Plain http to the app on loopback: the development flag; a deployment uses https. Nothing else:
        // the ID tokens are RS256 by default, what Spring's ID token decoder expects.
        gatehouse = EmbeddedGatehouse.startOnLoopback(
                Map.of("GATEHOUSE_BACKCHANNEL_ALLOW_INSECURE_HTTP_TO_LOOPBACK", "on"));
        String secret = gatehouse
                .gatehouse()
                .clients()
                .create(
                        new ClientId("shop"),
                        ClientType.WEB,
                        new NewClientSettings(
                                GrantType.defaultsFor(ClientType.WEB),
                                List.of(),
                                Set.of(),
                                false,
                                new SignInRegistration(
                                        List.of(app + "/login/oauth2/code/gatehouse"),
                                        List.of(),
                                        Optional.of(app + "/logout/connect/back-channel/gatehouse"),
                                        true)))
                .orElseThrow()
                .secret()
                .orElseThrow();
        gatehouse.gatehouse().accounts().signUp(EMAIL, new Password(PASSWORD), Role.USER);
        spring = new SpringApplication(ShopApplication.class)
                .run(
                        "--server.port=" + appPort,
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.security.oauth2.client.provider.gatehouse.issuer-uri=" + gatehouse.issuer(),
                        "--spring.security.oauth2.client.registration.gatehouse.client-id=shop",
                        "--spring.security.oauth2.client.registration.gatehouse.client-secret=" + secret,
                        // Spring Security (since 5.4, gh-8514) takes no scope from the discovery document's
                        // scopes_supported and requests none unless told; without openid it signs in with
                        // plain OAuth 2 (no ID token, so no session for back-channel logout to end).
                        "--spring.security.oauth2.client.registration.gatehouse.scope=openid,email");
        profile = Files.createTempDirectory("gatehouse-spring-chromium");
        browser = ExampleBrowser.start(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (spring != null) {
            spring.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void signsInThroughGatehouseAndIsSignedOutByItsBackChannel() {
        browser.get(app + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.withMessage(() -> "at " + browser.getCurrentUrl() + ": " + browser.getPageSource());
        wait.until(driver -> driver.getCurrentUrl().startsWith(gatehouse.issuer() + "/login"));
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();

        wait.until(driver -> driver.getCurrentUrl().startsWith(app + "/")
                && driver.getPageSource().contains("Signed in as " + EMAIL));

        browser.get(gatehouse.issuer() + "/account/");
        browser.findElement(By.id("sign-out")).click();
        wait.until(driver -> driver.getCurrentUrl().startsWith(gatehouse.issuer() + "/login"));

        Await.until("the app's session ends through the back channel", Duration.ofSeconds(10), () -> {
            browser.get(app + "/");
            return browser.getCurrentUrl().startsWith(gatehouse.issuer() + "/login");
        });
        assertThat(browser.getPageSource()).doesNotContain("Signed in as");
    }
}
