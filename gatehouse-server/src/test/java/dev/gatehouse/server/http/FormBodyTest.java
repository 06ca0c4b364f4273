package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12: form parameters are UTF-8 once percent-decoded, without repair; RFC 6749 invalid_request otherwise. */
class FormBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"%C0%AF", "%E0%80%AF", "%FF", "%80", "%E2%82", "%ED%A0%80", "%ED%B0%80", "%F4%90%80%80"})
    void percentEncodedBytesThatAreNotUtf8AreRefused(String encoded) {
        assertRefused(("grant_type=refresh_token&refresh_token=a" + encoded + "b").getBytes(StandardCharsets.US_ASCII));
        assertRefused(("a" + encoded + "=1").getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "ff", "eda080"})
    void rawBytesThatAreNotUtf8AreRefused(String hex) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("token=a".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(HexFormat.of().parseHex(hex));

        assertRefused(body.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=%", "token=%4", "token=%G1", "token=%-1", "token=a%"})
    void brokenPercentEncodingIsRefused(String body) {
        assertRefused(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void percentEncodingPlusAndRawUtf8AreDecoded() {
        FormBody form = FormBody.parse("a=%F0%9F%98%80+b%2B&c=\u00e9%C3%A9&d=%41".getBytes(StandardCharsets.UTF_8));

        assertThat(form.get("a")).contains("\uD83D\uDE00 b+");
        assertThat(form.get("c")).contains("\u00e9\u00e9");
        assertThat(form.get("d")).contains("A");
    }

    private static void assertRefused(byte[] body) {
        OAuthException refused = catchThrowableOfType(OAuthException.class, () -> FormBody.parse(body));

        assertThat(refused).as(new String(body, StandardCharsets.ISO_8859_1)).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().error()).isEqualTo("invalid_request");
    }
}
