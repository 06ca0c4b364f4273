package dev.gatehouse.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code request_id} (while serving a request), {@code message} and {@code exception} (the stack trace,
 * as one string). Fields hold what the text format shows, nothing more: messages are written to carry
 * no secret, and no parameter or context beyond them is added.
 *
 * <p>The output is ASCII whatever the message holds: everything outside printable ASCII is written as
 * a JSON escape (a newline as backslash-n, an accented letter as its four hex digits), so a line is one
 * line and valid JSON even when the console's charset cannot encode a character; a lone surrogate,
 * which no UTF-8 text can hold, becomes U+FFFD.
 */
public final class JsonLogFormatter extends Formatter {
    /** UTC to the millisecond, as both formats write it. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        return line(
                record.getInstant(),
                record.getLevel(),
                record.getLoggerName(),
                threadName(record.getLongThreadID()),
                RequestIds.current(),
                formatMessage(record),
                Optional.ofNullable(record.getThrown()));
    }

    /** The line for one event, ending in a newline. */
    static String line(
            Instant time,
            Level level,
            String logger,
            String thread,
            Optional<String> requestId,
            String message,
            Optional<Throwable> thrown) {
        StringBuilder json = new StringBuilder(128 + message.length());
        json.append("{\"time\":\"").append(TIME.format(time)).append('"');
        json.append(",\"level\":\"").append(levelName(level)).append('"');
        field(json, "logger", logger == null ? "" : logger);
        field(json, "thread", thread);
        requestId.ifPresent(id -> field(json, "request_id", id));
        field(json, "message", message);
        thrown.ifPresent(t -> field(json, "exception", stackTrace(t)));
        return json.append("}\n").toString();
    }

    /** The names log collectors know (ERROR, WARN, INFO, DEBUG, TRACE) rather than JUL's SEVERE and FINE. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":");
        appendQuoted(json, value);
    }

    /** {@code value} as a JSON string (RFC 8259 section 7), in ASCII. */
    static void appendQuoted(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        json.append(c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        unicodeEscape(json, c);
                        unicodeEscape(json, value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(json, '\ufffd');
                    } else {
                        unicodeEscape(json, c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static void unicodeEscape(StringBuilder json, char c) {
        json.append("\\u");
        String hex = Integer.toHexString(c);
        json.append("0".repeat(4 - hex.length())).append(hex);
    }

    /** A name for the thread; virtual threads are mostly unnamed, so they are named by their id. */
    private static String threadName(long threadId) {
        Thread current = Thread.currentThread();
        if (current.threadId() == threadId) {
            if (!current.getName().isEmpty()) {
                return current.getName();
            }
            return (current.isVirtual() ? "virtual-" : "thread-") + threadId;
        }
        return "thread-" + threadId;
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString().stripTrailing();
    }
}
