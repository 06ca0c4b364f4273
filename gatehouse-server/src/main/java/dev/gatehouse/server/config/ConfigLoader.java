package dev.gatehouse.server.config;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.refresh.RefreshPolicy;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.token.TokenPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the one {@link GatehouseConfig} from environment variables and an optional properties file.
 * Every key is read through its declared type ({@link KeyValues}); the rules that span keys are
 * checked here; all problems are reported at once, each naming its key and allowed range.
 */
public final class ConfigLoader {
    private static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(1);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private ConfigLoader() {}

    /** Reads {@code environment} (usually {@link System#getenv()}), and the file it names, if any. */
    public static GatehouseConfig load(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.getOrDefault(ConfigKey.CONFIG_FILE.environmentVariable(), "");
        if (!file.isBlank()) {
            merged.putAll(readFile(Path.of(file)));
        }
        environment.forEach((name, value) -> {
            if (ConfigKey.byVariable(name).isPresent()) {
                merged.put(name, value);
            }
        });
        return build(KeyValues.read(merged));
    }

    /**
     * The log format {@code environment} asks for, read on its own: for the line that says why the
     * whole configuration did not load, which a log collector must still be able to parse. Text when
     * the variable is unset or names no format (that mistake is then among the problems reported).
     */
    public static LogFormat logFormatOf(Map<String, String> environment) {
        String text = environment.get(ConfigKey.LOG_FORMAT.environmentVariable());
        if (text == null) {
            return LogFormat.TEXT;
        }
        return ConfigKey.LOG_FORMAT.type().parse(text.strip()) instanceof Parsed.Accepted<?>(LogFormat format)
                ? format
                : LogFormat.TEXT;
    }

    /** Variables that look like ours but are not keys, most likely typing mistakes worth a warning. */
    public static List<String> unknownVariables(Map<String, String> environment) {
        return environment.keySet().stream()
                .filter(name -> name.startsWith("GATEHOUSE_") && !name.startsWith("GATEHOUSE_TEST_"))
                .filter(name -> ConfigKey.byVariable(name).isEmpty())
                .sorted()
                .toList();
    }

    private static GatehouseConfig build(KeyValues values) {
        List<String> problems = new ArrayList<>(values.problems());
        Duration idle = values.get(ConfigKey.SESSION_IDLE_TIMEOUT);
        Duration absolute = values.get(ConfigKey.SESSION_ABSOLUTE_TIMEOUT);
        // Each rule speaks only of values read as written, so one typo does not report two problems.
        if (values.accepted(ConfigKey.SESSION_IDLE_TIMEOUT, ConfigKey.SESSION_ABSOLUTE_TIMEOUT)
                && absolute.compareTo(idle) < 0) {
            problems.add(
                    notShorter(ConfigKey.SESSION_ABSOLUTE_TIMEOUT, absolute, ConfigKey.SESSION_IDLE_TIMEOUT, idle));
        }
        Duration refreshIdle = values.get(ConfigKey.REFRESH_TOKEN_IDLE_TIMEOUT);
        Duration refreshAbsolute = values.get(ConfigKey.REFRESH_TOKEN_ABSOLUTE_TIMEOUT);
        if (values.accepted(ConfigKey.REFRESH_TOKEN_IDLE_TIMEOUT, ConfigKey.REFRESH_TOKEN_ABSOLUTE_TIMEOUT)
                && refreshAbsolute.compareTo(refreshIdle) < 0) {
            problems.add(notShorter(
                    ConfigKey.REFRESH_TOKEN_ABSOLUTE_TIMEOUT,
                    refreshAbsolute,
                    ConfigKey.REFRESH_TOKEN_IDLE_TIMEOUT,
                    refreshIdle));
        }
        Optional<String> databaseUrl = values.get(ConfigKey.DATABASE_URL);
        Optional<String> redisUrl = values.get(ConfigKey.REDIS_URL);
        Optional<byte[]> masterKey = values.get(ConfigKey.MASTER_KEY);
        if (databaseUrl.isPresent() && masterKey.isEmpty() && values.accepted(ConfigKey.MASTER_KEY)) {
            // A generated key file would differ per node, and every other node would refuse the keys.
            problems.add(ConfigKey.MASTER_KEY.environmentVariable() + " must be set (the same on every node) when "
                    + ConfigKey.DATABASE_URL.environmentVariable() + " is");
        }
        if (redisUrl.isPresent() && databaseUrl.isEmpty() && values.accepted(ConfigKey.DATABASE_URL)) {
            problems.add(
                    ConfigKey.REDIS_URL.environmentVariable() + " needs " + ConfigKey.DATABASE_URL.environmentVariable()
                            + ": Redis links nodes that share PostgreSQL; the embedded SQLite store serves one node");
        }
        if (values.accepted(ConfigKey.ARGON2_MEMORY_KIB, ConfigKey.ARGON2_ITERATIONS)) {
            int memoryKib = values.get(ConfigKey.ARGON2_MEMORY_KIB);
            int iterations = values.get(ConfigKey.ARGON2_ITERATIONS);
            // Each key's range alone would let 7168 KiB go with one pass: the floor is the pair.
            if (!new Argon2Parameters(memoryKib, iterations, 1).meetsOwasp()) {
                problems.add("%s=%d with %s=%d is below every OWASP Argon2id setting (%s): raise the memory or the"
                                .formatted(
                                        ConfigKey.ARGON2_MEMORY_KIB.environmentVariable(),
                                        memoryKib,
                                        ConfigKey.ARGON2_ITERATIONS.environmentVariable(),
                                        iterations,
                                        Argon2Parameters.owaspSettingsText())
                        + " passes to one of them");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new GatehouseConfig(
                values.get(ConfigKey.HOST),
                values.<Integer>get(ConfigKey.PORT),
                new ManagementListenerConfig(
                        values.get(ConfigKey.MANAGEMENT_HOST), values.get(ConfigKey.MANAGEMENT_PORT)),
                new ConnectionLimits(
                        values.get(ConfigKey.MAX_CONNECTIONS),
                        values.<Integer>get(ConfigKey.MAX_CONNECTIONS_PER_ADDRESS),
                        values.get(ConfigKey.CONNECTION_IDLE_TIMEOUT),
                        values.get(ConfigKey.REQUEST_READ_TIMEOUT)),
                values.get(ConfigKey.ISSUER),
                values.get(ConfigKey.ALLOWED_ORIGINS),
                values.get(ConfigKey.DATA_DIR),
                databaseUrl,
                values.<Integer>get(ConfigKey.DATABASE_POOL_SIZE),
                redisUrl,
                new SessionPolicy(idle, absolute, LAST_SEEN_WRITE_INTERVAL),
                values.get(ConfigKey.REGISTRATION),
                new Argon2Parameters(
                        values.<Integer>get(ConfigKey.ARGON2_MEMORY_KIB),
                        values.<Integer>get(ConfigKey.ARGON2_ITERATIONS),
                        values.<Integer>get(ConfigKey.ARGON2_PARALLELISM)),
                masterKey.map(MasterKey::new),
                values.get(ConfigKey.SIGNING_ALG),
                new TokenPolicy(
                        values.get(ConfigKey.ACCESS_TOKEN_TTL), CLOCK_SKEW, values.get(ConfigKey.ACCESS_TOKEN_TYPE)),
                new RefreshPolicy(refreshIdle, refreshAbsolute, values.get(ConfigKey.REFRESH_GRACE)),
                values.get(ConfigKey.KEY_ROTATION_INTERVAL),
                new AbuseLimits(
                        values.<Boolean>get(ConfigKey.RATE_LIMITS),
                        values.get(ConfigKey.LOGIN_LIMIT_PER_ADDRESS),
                        values.get(ConfigKey.LOGIN_LIMIT_PER_ACCOUNT),
                        values.<Integer>get(ConfigKey.LOCKOUT_THRESHOLD),
                        values.get(ConfigKey.TRUSTED_PROXIES),
                        values.get(ConfigKey.REFRESH_LIMIT_PER_FAMILY),
                        values.get(ConfigKey.FAILED_REFRESH_LIMIT_PER_ADDRESS),
                        values.get(ConfigKey.INTROSPECTION_LIMIT_PER_CLIENT),
                        values.get(ConfigKey.FAILED_INTROSPECTION_LIMIT_PER_ADDRESS)),
                values);
    }

    private static String notShorter(ConfigKey longer, Duration longValue, ConfigKey shorter, Duration shortValue) {
        return "%s (%s) must be at least %s (%s)"
                .formatted(
                        longer.environmentVariable(),
                        DurationText.format(longValue),
                        shorter.environmentVariable(),
                        DurationText.format(shortValue));
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of(ConfigKey.CONFIG_FILE.environmentVariable() + "=" + file
                    + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        Map<String, String> values = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            if (ConfigKey.byVariable(name).isPresent()) {
                values.put(name, properties.getProperty(name));
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    List.of(file + ": unknown keys " + unknown.stream().sorted().toList()));
        }
        return values;
    }
}
