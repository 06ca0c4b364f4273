package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzing what the API parses from strangers: the JSON request records and the form bodies of
 * {@code /oauth2/*}. Any input is either parsed or refused as a 4xx problem (or an OAuth
 * {@code invalid_request}); nothing else may come out, so no input turns into a 500. In
 * {@code ./mvnw verify} this replays the committed inputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class RequestParsingFuzzTest {
    private static final JsonCodec JSON = JsonCodec.SHARED;

    @FuzzTest(maxDuration = "30s")
    void jsonRequestRecordsAreParsedOrRefusedAsA4xxProblem(byte[] input) {
        for (Class<?> type :
                new Class<?>[] {Requests.Credentials.class, Requests.PasswordChange.class, TokenRoutes.TokenLogin.class
                }) {
            Throwable thrown = catchThrowable(() -> JSON.read(input, type));

            if (thrown != null) {
                assertThat(thrown).isInstanceOf(ProblemException.class);
                int status = ((ProblemException) thrown).problem().status();
                assertThat(status).isBetween(400, 499);
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void oauthFormBodiesAreParsedOrRefusedAsInvalidRequest(byte[] input) {
        Throwable thrown = catchThrowable(() -> {
            FormBody form = FormBody.parse(input);
            form.get("grant_type");
            form.get("refresh_token");
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(OAuthException.class);
            assertThat(((OAuthException) thrown).status()).isEqualTo(400);
        }
    }
}
