package dev.gatehouse.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RateLimitWindow;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each passkey ceremony started stores a challenge row: a signed-in session asking for step-up or
 * registration options is counted like a sign-in attempt of its account, so it cannot pile rows up.
 */
class PasskeyOptionsLimitIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dataDirectory;

    @Test
    void aSignedInSessionAskingForChallengesOverAndOverIsRefused() {
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "5/1m"))) {
            ApiClient browser = new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
            RateLimitWindow.awaitRoomInTheCurrentMinute();
            assertThat(browser.signUp("limits@example.com", PASSWORD).status()).isEqualTo(202);
            assertThat(browser.login("limits@example.com", PASSWORD).status()).isEqualTo(200);
            Matcher token = FORM_TOKEN.matcher(browser.get("/account/passkeys").body());
            assertThat(token.find()).isTrue();

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(browser.form("/account/passkeys/step-up/options", Map.of("csrf_token", token.group(1)))
                        .status());
            }

            assertThat(statuses.getFirst()).isEqualTo(200);
            assertThat(statuses)
                    .as("the sign-in and four starts fill the account's 5 a minute")
                    .endsWith(429, 429, 429);
            assertThat(statuses).containsOnly(200, 429);
        }
    }
}
