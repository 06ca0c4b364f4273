package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real server per test class, spoken to only over HTTP. Each test makes its own accounts. */
abstract class ApiTestBase {
    static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;

    @BeforeAll
    static void startServer() {
        server = RunningGatehouse.start(dataDirectory, Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static ApiClient client() {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    /** A new account, signed up over HTTP; returns its email. */
    static String newAccount() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client().signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    /** A client logged in to a new account. */
    static ApiClient loggedIn() {
        ApiClient client = client();
        assertThat(client.login(newAccount(), PASSWORD).status()).isEqualTo(200);
        return client;
    }

    static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:" + type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }
}
