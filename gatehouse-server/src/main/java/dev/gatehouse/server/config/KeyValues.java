package dev.gatehouse.server.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value of every {@link ConfigKey}, each read through the key's type, with the problems found on
 * the way, and the effective configuration as the start-up print shows it: secrets masked.
 */
public final class KeyValues {
    private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> shown = new EnumMap<>(ConfigKey.class);
    private final Set<ConfigKey> refused = EnumSet.noneOf(ConfigKey.class);
    private final List<String> problems = new ArrayList<>();

    private KeyValues(Map<String, String> settings) {
        // In table order, so a default can use an earlier key's value: the issuer's uses the port's.
        for (ConfigKey key : ConfigKey.values()) {
            String defaultText = key.defaultValue(shown::get);
            String setting = settings.get(key.environmentVariable());
            read(key, key.type(), setting == null ? defaultText : setting.strip(), defaultText);
        }
    }

    /** Reads every key from {@code settings} (variable name to text); unset keys take their defaults. */
    static KeyValues read(Map<String, String> settings) {
        return new KeyValues(settings);
    }

    private <T> void read(ConfigKey key, ValueType<T> type, String text, String defaultText) {
        T value = switch (type.parse(text)) {
            case Parsed.Accepted<T> accepted -> accepted.value();
            case Parsed.Refused<T> refusal -> {
                problems.add(key.environmentVariable() + (key.isSecret() ? " (value masked)" : "=" + text) + ": "
                        + refusal.reason());
                refused.add(key);
                // The default stands in so later keys and the rules across keys can still be checked.
                yield type.parse(defaultText).orElseThrow();
            }
        };
        values.put(key, value);
        shown.put(key, key.isSecret() ? type.masked(value) : type.show(value));
    }

    /**
     * The value {@code key} was read as. Its type fixes the class, so the caller names it by the
     * variable it assigns to; every load assembles the whole configuration, so a mismatch fails the
     * first test that loads one.
     */
    @SuppressWarnings("unchecked")
    <T> T get(ConfigKey key) {
        return (T) values.get(key);
    }

    /** Whether all these keys were read as written, so a rule across them speaks of real values. */
    boolean accepted(ConfigKey... keys) {
        return Arrays.stream(keys).noneMatch(refused::contains);
    }

    /** Each problem names its variable and what it allows; a secret's value is never quoted. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** One line per key, {@code name=value}, secrets masked, URLs without their passwords. */
    public List<String> describe() {
        return Arrays.stream(ConfigKey.values())
                .map(key -> key.displayName() + "=" + shown.get(key))
                .toList();
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
