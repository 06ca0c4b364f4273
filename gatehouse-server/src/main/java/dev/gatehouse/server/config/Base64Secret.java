package dev.gatehouse.server.config;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** A secret of exactly {@code bytes} random bytes, written in base64; empty when unset. */
record Base64Secret(int bytes) implements ValueType<Optional<byte[]>> {

    @Override
    public Parsed<Optional<byte[]>> parse(String text) {
        if (text.isEmpty()) {
            return Parsed.accepted(Optional.empty());
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (decoded.length == bytes) {
                return Parsed.accepted(Optional.of(decoded));
            }
        } catch (IllegalArgumentException e) {
            // refused below; the exception would quote the text
        }
        return Parsed.refused(
                "must be the base64 of exactly %d bytes, e.g. from `openssl rand -base64 %d`".formatted(bytes, bytes));
    }

    /** A secret is never shown, whether or not its key is marked secret. */
    @Override
    public String show(Optional<byte[]> value) {
        return masked(value);
    }

    @Override
    public String masked(Optional<byte[]> value) {
        return value.isPresent() ? "(set, masked)" : "(unset)";
    }

    @Override
    public Map<String, String> terms() {
        return Map.of("bytes", String.valueOf(bytes));
    }
}
