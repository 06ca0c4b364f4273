package dev.gatehouse.core.account;

import java.nio.charset.StandardCharsets;

/**
 * A plain-text password on its way to being hashed or checked. It never prints itself, so it cannot
 * end up in a log line or an exception message by accident.
 */
public final class Password {
    private final String value;

    public Password(String value) {
        this.value = value;
    }

    /** The secret itself; call only where it is hashed or compared. */
    public String reveal() {
        return value;
    }

    public int lengthInCodePoints() {
        return value.codePointCount(0, value.length());
    }

    public int lengthInBytes() {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
