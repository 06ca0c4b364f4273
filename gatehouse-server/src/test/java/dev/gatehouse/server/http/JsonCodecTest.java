package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12: JSON bodies are UTF-8 without repair, and no string in them escapes half a surrogate pair. */
class JsonCodecTest {
    private static final JsonCodec JSON = JsonCodec.SHARED;

    /** Bytes spliced into an email address: overlong, stray, cut short, an encoded surrogate, past U+10FFFF. */
    @ParameterizedTest
    @ValueSource(strings = {"c0af", "e080af", "ff", "80", "e282", "eda080", "edb080", "f4908080", "f8888080af"})
    void bytesThatAreNotUtf8AreRefusedAsInvalidJson(String hex) {
        byte[] body =
                concat("{\"email\":\"a", HexFormat.of().parseHex(hex), "@example.com\",\"password\":\"secret words\"}");

        assertInvalidJson(body);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"email\":\"a\\ud800@example.com\",\"password\":\"x\"}",
                "{\"email\":\"\\udc00\",\"password\":\"x\"}",
                "{\"email\":\"x\",\"password\":\"\\ud83d\"}",
                "{\"email\":\"\\udc00\\ud800\",\"password\":\"x\"}",
                "{\"email\":\"\\ud800\\ud800\",\"password\":\"x\"}",
                "{\"email\":\"x\",\"password\":\"x\",\"\\ud800\":1}",
                "{\"email\":[{\"a\":[\"\\udfff\"]}],\"password\":\"x\"}"
            })
    void anEscapeOfHalfASurrogatePairIsRefusedAsInvalidJson(String json) {
        assertInvalidJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE"})
    void jsonInAnotherEncodingIsRefused(String charset) {
        assertInvalidJson("{\"email\":\"a@example.com\",\"password\":\"x\"}".getBytes(Charset.forName(charset)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud83d\\ude00", "\uD83D\uDE00", "\\u00e9", "\u00e9", "\\u2028"})
    void pairedSurrogatesAndOtherCharactersAreRead(String text) {
        Requests.Credentials read = JSON.read(
                ("{\"email\":\"a" + text + "@example.com\",\"password\":\"x\"}").getBytes(StandardCharsets.UTF_8),
                Requests.Credentials.class);

        assertThat(read.email()).isIn("a\uD83D\uDE00@example.com", "a\u00e9@example.com", "a\u2028@example.com");
    }

    private static void assertInvalidJson(byte[] body) {
        ProblemException refused =
                catchThrowableOfType(ProblemException.class, () -> JSON.read(body, Requests.Credentials.class));

        assertThat(refused).as(new String(body, StandardCharsets.ISO_8859_1)).isNotNull();
        assertThat(refused.problem().type()).isEqualTo(ProblemType.INVALID_JSON.uri());
        assertThat(refused.problem().status()).isEqualTo(400);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
