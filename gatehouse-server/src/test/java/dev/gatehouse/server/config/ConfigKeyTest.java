package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table of keys drives reading, problems and the start-up print the same way for every key. */
class ConfigKeyTest {

    /** A value a key's type refuses, and words the problem must contain to name the allowed range. */
    private record BadValue(String text, String namesTheRange) {}

    @Test
    void everyDefaultIsAValueOfItsOwnType() {
        for (ConfigKey key : ConfigKey.values()) {
            String defaultText = key.defaultValue(ConfigKey::defaultValue);

            assertThat(key.type().parse(defaultText))
                    .as(key + " default " + defaultText)
                    .isInstanceOf(Parsed.Accepted.class);
        }
    }

    @Test
    void everyDescriptionHasItsRangeWrittenIn() {
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(key.description()).as(key.name()).doesNotContainPattern("\\{[a-z]+}");
        }
    }

    @Test
    void everyChoiceIsNamedInItsKeysDescription() {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.type() instanceof OneOf<?> choices) {
                for (String spelling : choices.spellings()) {
                    assertThat(key.description()).as(key.name()).contains("`" + spelling + "`");
                }
            }
        }
    }

    @Test
    void aBadValueOfAnyKeyIsOneProblemNamingTheKeyAndItsRange() {
        for (ConfigKey key : ConfigKey.values()) {
            BadValue bad = badValue(key.type());
            if (bad == null) {
                continue;
            }

            assertThatThrownBy(() -> ConfigLoader.load(Map.of(key.environmentVariable(), bad.text())))
                    .as(key.name())
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.problems()).hasSize(1);
                        String problem = e.problems().getFirst();
                        assertThat(problem).contains(bad.namesTheRange());
                        if (key.isSecret()) {
                            assertThat(problem)
                                    .startsWith(key.environmentVariable() + " (value masked): ")
                                    .doesNotContain(bad.text());
                        } else {
                            assertThat(problem).startsWith(key.environmentVariable() + "=" + bad.text() + ": ");
                        }
                    });
        }
    }

    @Test
    void everySecretKeyIsMaskedAtStartUpWhenSet() {
        Map<String, String> secrets = new HashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.isSecret()) {
                secrets.put(key.environmentVariable(), secretValue(key));
            }
        }

        GatehouseConfig config = ConfigLoader.load(secrets);

        String printed = String.join("\n", config.describe());
        for (ConfigKey key : ConfigKey.values()) {
            if (key.isSecret()) {
                assertThat(config.describe())
                        .as(key.name())
                        .anySatisfy(line -> assertThat(line)
                                .startsWith(key.displayName() + "=")
                                .containsAnyOf("(set, masked)", "****"));
            }
        }
        assertThat(printed).doesNotContain("hunter2", Base64.getEncoder().encodeToString(new byte[] {'Z', 'Z', 'Z'}));
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void describesEveryKeyOnceInTableOrderWithUnsetSecretsSaidSo() {
        List<String> lines = ConfigLoader.load(Map.of()).describe();

        assertThat(lines)
                .extracting(line -> line.substring(0, line.indexOf('=')))
                .containsExactlyElementsOf(Arrays.stream(ConfigKey.values())
                        .map(ConfigKey::displayName)
                        .toList());
        assertThat(lines)
                .contains(
                        "port=8080",
                        "management_port=off",
                        "management_host=127.0.0.1",
                        "max_connections=auto",
                        "connection_idle_timeout=1m",
                        "issuer=http://localhost:8080",
                        "master_key=(unset)",
                        "database_url=(unset)",
                        "session_idle_timeout=30m",
                        "refresh_grace=30s",
                        "access_token_type=at+jwt",
                        "rate_limits=on",
                        "login_limit_per_address=30/1m",
                        "trusted_proxies=(none)");
    }

    /** Exhaustive, so a new type of key must say here how it is refused. */
    private static BadValue badValue(ValueType<?> type) {
        return switch (type) {
            case WholeNumber number ->
                new BadValue(
                        String.valueOf((long) number.max() + 1), number.terms().get("range"));
            case CountOrAuto count ->
                new BadValue("many", "auto or a whole number from " + count.min() + " to " + count.max());
            case PortOrOff port -> new BadValue("65536", "off or a whole number from 0 to 65535");
            case DurationRange range ->
                new BadValue(
                        DurationText.format(range.max().plusSeconds(1)),
                        range.terms().get("range"));
            case RateLimit limit -> new BadValue("lots", "count/window");
            case OneOf<?> choices -> new BadValue("neither", ValueType.either(choices.spellings()));
            case ConnectionUrl url -> new BadValue("mysql://gate:hunter2@db/auth", url.example());
            case PublicUrl url -> new BadValue("http://auth.example.com", "must use https");
            case Base64Secret secret ->
                new BadValue(
                        Base64.getEncoder().encodeToString(new byte[secret.bytes() - 1]),
                        "exactly " + secret.bytes() + " bytes");
            case OriginList origins -> new BadValue("https://app.example.com/login", "not an origin");
            case ProxyList proxies -> new BadValue("proxy.example.com", "CIDR");
            case FilePath path -> new BadValue("data\0dir", "must be a file system path");
            case FreeText text -> null; // any text is taken; it is checked where it is used
        };
    }

    /** A valid value for a secret key, whose secret part the start-up print must not show. */
    private static String secretValue(ConfigKey key) {
        return switch (key.type()) {
            case Base64Secret secret -> {
                byte[] bytes = new byte[secret.bytes()];
                Arrays.fill(bytes, (byte) 'Z');
                yield Base64.getEncoder().encodeToString(bytes);
            }
            case ConnectionUrl url -> url.schemes().getFirst() + "gate:hunter2@" + key.displayName() + ".internal/0";
            default -> throw new AssertionError("no secret value to try for the type of " + key);
        };
    }
}
