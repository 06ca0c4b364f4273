package dev.gatehouse.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.server.app.EmbeddedGatehouse;
import dev.gatehouse.server.app.Gatehouse;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot 4 resource servers and Gatehouse. With nothing but
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, Spring discovers Gatehouse through its
 * RFC 8414 metadata and JWKS. Spring Security 7's default type check accepts only {@code typ: JWT}, so:
 *
 * <ul>
 *   <li>a Gatehouse run with {@code GATEHOUSE_ACCESS_TOKEN_TYPE=JWT} is accepted by that plain set-up, which
 *       still rejects tampered, unsigned and foreign tokens;
 *   <li>a Gatehouse on the default, RFC 9068's {@code at+jwt}, is refused by it — and accepted once the
 *       application adds Spring's own RFC 9068 validator (one bean).
 * </ul>
 *
 * All three facts are pinned here, so a change on either side shows.
 */
class SpringIssuerUriInteropTest {
    private static EmbeddedGatehouse embedded;
    private static EmbeddedGatehouse jwtTypedEmbedded;
    private static ConfigurableApplicationContext plainSpring;
    private static ConfigurableApplicationContext rfc9068Spring;
    private static ConfigurableApplicationContext jwtTypedSpring;
    private static String issuer;
    private static String jwtTypedIssuer;
    private static int plainPort;
    private static int rfc9068Port;
    private static int jwtTypedPort;

    @SpringBootApplication
    @RestController
    static class OrdersApplication {
        @GetMapping("/api/whoami")
        String whoami(@AuthenticationPrincipal Jwt jwt) {
            return jwt.getSubject() + " via " + jwt.getClaimAsString("client_id");
        }

        /** The one bean that makes Spring accept RFC 9068 access tokens: its own at+jwt validator. */
        @Bean
        @ConditionalOnProperty("demo.rfc9068")
        JwtDecoder rfc9068Decoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                    .validateType(false)
                    .build();
            decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                    .issuer(issuer)
                    .audience("orders-api")
                    .clientId("mobile")
                    .build());
            return decoder;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        // Gatehouse's jar names slf4j-jdk14 in its manifest class path, so Logback is not alone;
        // Spring's logging set-up would refuse that. It is not what this test is about.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        embedded = gatehouseWithAnAppAndAUser(Map.of());
        issuer = embedded.issuer().toString();
        jwtTypedEmbedded = gatehouseWithAnAppAndAUser(Map.of("GATEHOUSE_ACCESS_TOKEN_TYPE", "JWT"));
        jwtTypedIssuer = jwtTypedEmbedded.issuer().toString();

        plainPort = freePort();
        plainSpring = spring(plainPort, issuer);
        rfc9068Port = freePort();
        rfc9068Spring = spring(rfc9068Port, issuer, "--demo.rfc9068=true");
        jwtTypedPort = freePort();
        jwtTypedSpring = spring(jwtTypedPort, jwtTypedIssuer);
    }

    private static EmbeddedGatehouse gatehouseWithAnAppAndAUser(Map<String, String> settings) throws Exception {
        EmbeddedGatehouse started = EmbeddedGatehouse.startOnLoopback(settings);
        Gatehouse gatehouse = started.gatehouse();
        gatehouse
                .clients()
                .create(new ClientId("mobile"), ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN), List.of("orders-api"));
        gatehouse.accounts().signUp("spring@example.com", new Password("purple elephants dance quietly"), Role.USER);
        return started;
    }

    /** A Spring Boot application whose whole security set-up is {@code issuer-uri} (plus {@code more}). */
    private static ConfigurableApplicationContext spring(int port, String issuerUri, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuerUri,
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        return new SpringApplication(OrdersApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context :
                new ConfigurableApplicationContext[] {plainSpring, rfc9068Spring, jwtTypedSpring}) {
            if (context != null) {
                context.close();
            }
        }
        for (EmbeddedGatehouse gatehouse : new EmbeddedGatehouse[] {embedded, jwtTypedEmbedded}) {
            if (gatehouse != null) {
                gatehouse.close();
            }
        }
    }

    private static String accessToken() throws Exception {
        return accessToken(issuer);
    }

    private static String accessToken(String from) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(from + "/v1/tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"spring@example.com\","
                                        + "\"password\":\"purple elephants dance quietly\",\"client_id\":\"mobile\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> whoami(int port, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/whoami"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void issuerUriAloneDiscoversGatehouseButSpringsDefaultTypeCheckRefusesAtJwt() throws Exception {
        HttpResponse<String> response = whoami(plainPort, accessToken());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .get()
                .asString()
                .contains("invalid_token")
                .contains("typ");
    }

    @Test
    void withSpringsRfc9068ValidatorItAcceptsGatehouseAccessTokens() throws Exception {
        HttpResponse<String> response = whoami(rfc9068Port, accessToken());

        assertThat(response.statusCode())
                .as(response.headers().map().toString())
                .isEqualTo(200);
        assertThat(response.body()).endsWith(" via mobile");
    }

    @Test
    void withSpringsRfc9068ValidatorItStillRejectsTamperedTokens() throws Exception {
        String token = accessToken();
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 3) + "xyz." + parts[2];

        assertThat(whoami(rfc9068Port, tampered).statusCode()).isEqualTo(401);
        assertThat(whoami(rfc9068Port, parts[0] + "." + parts[1] + ".").statusCode())
                .isEqualTo(401);
    }

    @Test
    void issuerUriAloneAcceptsTheTokensOfAGatehouseTypingThemJwt() throws Exception {
        String token = accessToken(jwtTypedIssuer);
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"typ\":\"JWT\"");

        HttpResponse<String> response = whoami(jwtTypedPort, token);

        assertThat(response.statusCode())
                .as(response.headers().map().toString())
                .isEqualTo(200);
        assertThat(response.body()).endsWith(" via mobile");
    }

    @Test
    void issuerUriAloneStillRejectsTamperedUnsignedAndForeignTokens() throws Exception {
        String[] parts = accessToken(jwtTypedIssuer).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherSubject = base64Url(payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"admin\""));
        String unsignedHeader = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        assertThat(whoami(jwtTypedPort, parts[0] + "." + otherSubject + "." + parts[2])
                        .statusCode())
                .as("payload changed, signature kept")
                .isEqualTo(401);
        assertThat(whoami(jwtTypedPort, unsignedHeader + "." + parts[1] + ".").statusCode())
                .as("alg none")
                .isEqualTo(401);
        assertThat(whoami(jwtTypedPort, parts[0] + "." + parts[1] + ".").statusCode())
                .as("signature stripped")
                .isEqualTo(401);
        // The other way round: a Spring application trusting the other Gatehouse, whose type check this
        // token passes, refuses it for its issuer and its key.
        assertThat(whoami(plainPort, accessToken(jwtTypedIssuer)).statusCode())
                .as("another issuer's token")
                .isEqualTo(401);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
