package dev.gatehouse.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The default, {@code text}, log format: {@code 2026-12-05T05:10:48.977Z INFO    gatehouse.audit: message},
 * then the stack trace of an exception on the lines that follow.
 *
 * <p>Not the JDK's {@code SimpleFormatter}, for three reasons:
 *
 * <ul>
 *   <li>it asks every record for its source class, which the JDK finds by walking the logging thread's
 *       stack, although the line does not show it, and writes the time through {@code
 *       java.util.Formatter}. Every refresh and login logs its audit event on the request's thread: in a
 *       refresh flood the audit line took 11% of the request threads' CPU, and 6% with this formatter
 *       (docs/benchmarks.md);
 *   <li>it writes the time in the machine's time zone, and the pattern we gave it added a {@code Z}: on
 *       a machine not set to UTC the lines claimed a UTC time they were not;
 *   <li>a message holding a line break started what looked like a line of its own. Here a message stays
 *       on its line: CR, LF and the other control characters are written as {@code \n}-style escapes
 *       (a stack trace alone spans lines).
 * </ul>
 */
public final class TextLogFormatter extends Formatter {
    /** The widest of the JDK's level names (WARNING), so that the logger names line up. */
    private static final int LEVEL_WIDTH = 7;

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        StringBuilder line = new StringBuilder(64 + message.length());
        JsonLogFormatter.TIME.formatTo(record.getInstant(), line);
        line.append(' ');
        String level = record.getLevel().getLocalizedName();
        line.append(level);
        line.repeat(' ', Math.max(1, LEVEL_WIDTH + 1 - level.length()));
        line.append(record.getLoggerName()).append(": ");
        appendOnOneLine(line, message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static void appendOnOneLine(StringBuilder line, String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                        line.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }
}
