package dev.gatehouse.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("gatehouse.test");
        record.setInstant(Instant.parse("2026-12-02T05:06:07.089Z"));
        return record;
    }

    private static JsonNode parse(String line) throws Exception {
        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).as("one line").doesNotContain("\n", "\r");
        assertThat(line.chars()).as("ASCII only").allMatch(c -> c < 0x80);
        return JSON.readTree(line);
    }

    @Test
    void writesTheFieldsOfARecordAsOneObject() throws Exception {
        JsonNode line = parse(formatter.format(record(Level.WARNING, "login failed")));

        assertThat(line.get("time").asText()).isEqualTo("2026-12-02T05:06:07.089Z");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("gatehouse.test");
        assertThat(line.get("message").asText()).isEqualTo("login failed");
        assertThat(line.get("thread").asText()).isNotEmpty();
        assertThat(line.has("request_id")).isFalse();
        assertThat(line.has("exception")).isFalse();
    }

    @Test
    void quotesAndBackslashesAndControlCharactersSurviveTheRoundTrip() throws Exception {
        StringBuilder every = new StringBuilder("say \"hi\" \\ back\\slash / ");
        for (char c = 0; c < 0x20; c++) {
            every.append(c);
        }
        every.append('\u007f').append("\u2028\u2029 end");
        String message = every.toString();

        assertThat(parse(formatter.format(record(Level.INFO, message)))
                        .get("message")
                        .asText())
                .isEqualTo(message);
    }

    @Test
    void nonAsciiTextIsEscapedAndReadsBackTheSame() throws Exception {
        String message = "café ａda@example.com 日本 \uD83D\uDD11 key \u0000 nul \uFEFF bom";

        String line = formatter.format(record(Level.INFO, message));

        assertThat(parse(line).get("message").asText()).isEqualTo(message);
        assertThat(line).contains("caf\\u00e9", "\\ud83d\\udd11");
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacterNotBrokenJson() throws Exception {
        String message = "high \uD800 alone, low \uDC00 alone, reversed \uDC00\uD800 end";

        assertThat(parse(formatter.format(record(Level.INFO, message)))
                        .get("message")
                        .asText())
                .isEqualTo("high \uFFFD alone, low \uFFFD alone, reversed \uFFFD\uFFFD end");
    }

    @Test
    void anExceptionIsOneStringFieldWithItsStackTrace() throws Exception {
        LogRecord record = record(Level.SEVERE, "unexpected failure on GET /v1/me");
        record.setThrown(new IllegalStateException("broken \"pipe\"\nsecond line", new RuntimeException("cause")));

        JsonNode line = parse(formatter.format(record));

        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("exception").asText())
                .startsWith("java.lang.IllegalStateException: broken \"pipe\"\nsecond line")
                .contains(
                        "\tat dev.gatehouse.server.logging.JsonLogFormatterTest",
                        "Caused by: java.lang.RuntimeException: cause");
    }

    @Test
    void carriesTheRequestIdOnlyWhileARequestIsServed() throws Exception {
        String[] inside = new String[1];
        RequestIds.during("req-42", () -> inside[0] = formatter.format(record(Level.INFO, "inside")));
        String outside = formatter.format(record(Level.INFO, "outside"));

        assertThat(parse(inside[0]).get("request_id").asText()).isEqualTo("req-42");
        assertThat(parse(outside).has("request_id")).isFalse();
    }

    @Test
    void fillsInMessageParametersAsTheTextFormatDoes() throws Exception {
        LogRecord record = record(Level.FINE, "pool {0} has {1} connections");
        record.setParameters(new Object[] {"gatehouse-sqlite", 4});

        JsonNode line = parse(formatter.format(record));

        assertThat(line.get("message").asText()).isEqualTo("pool gatehouse-sqlite has 4 connections");
        assertThat(line.get("level").asText()).isEqualTo("DEBUG");
    }

    @Test
    void namesLevelsAsLogCollectorsDo() {
        assertThat(JsonLogFormatter.levelName(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(JsonLogFormatter.levelName(Level.WARNING)).isEqualTo("WARN");
        assertThat(JsonLogFormatter.levelName(Level.INFO)).isEqualTo("INFO");
        assertThat(JsonLogFormatter.levelName(Level.CONFIG)).isEqualTo("DEBUG");
        assertThat(JsonLogFormatter.levelName(Level.FINE)).isEqualTo("DEBUG");
        assertThat(JsonLogFormatter.levelName(Level.FINEST)).isEqualTo("TRACE");
    }
}
