package dev.gatehouse.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class TextLogFormatterTest {
    private static final String NL = System.lineSeparator();
    private final TextLogFormatter formatter = new TextLogFormatter();

    /** A record that counts how often it is asked for its source, which the JDK finds by a stack walk. */
    private static final class CountingRecord extends LogRecord {
        final AtomicInteger sourceAsked = new AtomicInteger();

        CountingRecord(Level level, String message) {
            super(level, message);
            setLoggerName("gatehouse.test");
            setInstant(Instant.parse("2026-12-02T05:06:07.089Z"));
        }

        @Override
        public String getSourceClassName() {
            sourceAsked.incrementAndGet();
            return super.getSourceClassName();
        }

        @Override
        public String getSourceMethodName() {
            sourceAsked.incrementAndGet();
            return super.getSourceMethodName();
        }
    }

    @Test
    void writesTimeLevelLoggerAndMessageOnOneLineWithTheLoggerNamesLinedUp() {
        assertThat(formatter.format(new CountingRecord(Level.INFO, "login succeeded")))
                .isEqualTo("2026-12-02T05:06:07.089Z INFO    gatehouse.test: login succeeded" + NL);
        assertThat(formatter.format(new CountingRecord(Level.WARNING, "login failed")))
                .isEqualTo("2026-12-02T05:06:07.089Z WARNING gatehouse.test: login failed" + NL);
    }

    @Test
    void theTimeIsUtcWhateverTheMachinesTimeZone() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            assertThat(formatter.format(new CountingRecord(Level.INFO, "x"))).startsWith("2026-12-02T05:06:07.089Z ");
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void neverAsksTheRecordForItsSourceWhichWouldWalkTheLoggingThreadsStack() {
        CountingRecord record = new CountingRecord(Level.INFO, "refresh rotated");

        formatter.format(record);

        assertThat(record.sourceAsked).hasValue(0);
    }

    @Test
    void aLineBreakInAMessageCannotStartALineOfItsOwn() {
        String forged = "bad input\r\n2026-12-02T05:06:08.000Z INFO    gatehouse.audit: {\"event\":\"login_succeeded\"}"
                + "\u0085\u2028\u0000\u001b[31m\ttab";

        String line = formatter.format(new CountingRecord(Level.INFO, forged));

        assertThat(line).endsWith(NL);
        assertThat(line.substring(0, line.length() - NL.length()))
                .doesNotContain("\n", "\r", "\u0085", "\u2028", "\u0000", "\u001b", "\t")
                .contains("bad input\\r\\n2026-12-02T05:06:08.000Z", "\\u0085\\u2028\\u0000\\u001b[31m\\ttab");
    }

    @Test
    void anExceptionsStackTraceFollowsOnTheNextLines() {
        CountingRecord record = new CountingRecord(Level.SEVERE, "request failed");
        record.setThrown(new IllegalStateException("broken"));

        String[] lines = formatter.format(record).split(NL);

        assertThat(lines[0]).isEqualTo("2026-12-02T05:06:07.089Z SEVERE  gatehouse.test: request failed");
        assertThat(lines[1]).isEqualTo("java.lang.IllegalStateException: broken");
        assertThat(lines[2]).contains("at dev.gatehouse.server.logging.TextLogFormatterTest");
    }

    @Test
    void parametersAreFilledInAsTheJdksFormattersDo() {
        CountingRecord record = new CountingRecord(Level.INFO, "listening on {0}");
        record.setParameters(new Object[] {"127.0.0.1:8080"});

        assertThat(formatter.format(record)).contains("gatehouse.test: listening on 127.0.0.1:8080");
    }
}
