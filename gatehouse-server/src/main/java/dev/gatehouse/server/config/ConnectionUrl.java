package dev.gatehouse.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The URL of a service Gatehouse connects to, which may carry a password; empty when unset.
 *
 * @param schemes the prefixes it may start with, in lower case
 * @param example what a problem message offers instead
 */
record ConnectionUrl(List<String> schemes, String example) implements ValueType<Optional<String>> {

    ConnectionUrl {
        schemes = List.copyOf(schemes);
    }

    @Override
    public Parsed<Optional<String>> parse(String text) {
        if (text.isEmpty()) {
            return Parsed.accepted(Optional.empty());
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (schemes.stream().anyMatch(lower::startsWith)) {
            return Parsed.accepted(Optional.of(text));
        }
        return Parsed.refused("must look like " + example);
    }

    @Override
    public String show(Optional<String> value) {
        return value.orElse("(unset)");
    }

    /** Where the service is, without the credential. */
    @Override
    public String masked(Optional<String> value) {
        return value.map(ConnectionUrl::withoutPassword).orElse("(unset)");
    }

    /** {@code scheme://user:****@host}, {@code password=****}. */
    static String withoutPassword(String url) {
        return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }
}
