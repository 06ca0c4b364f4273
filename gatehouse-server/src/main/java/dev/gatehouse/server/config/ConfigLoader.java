package dev.gatehouse.server.config;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.limit.Limit;
import dev.gatehouse.core.refresh.RefreshPolicy;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.token.TokenPolicy;
import dev.gatehouse.jwt.AccessTokenType;
import dev.gatehouse.jwt.Loopback;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the one {@link GatehouseConfig} from environment variables and an optional properties file,
 * checking every key and reporting all problems at once, each naming its key and allowed range.
 */
public final class ConfigLoader {
    private static final Duration MIN_IDLE = Duration.ofMinutes(2);
    private static final Duration MAX_IDLE = Duration.ofHours(24);
    private static final Duration MAX_ABSOLUTE = Duration.ofDays(90);
    private static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

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
        return new ConfigLoader(merged).build();
    }

    /** Variables that look like ours but are not keys, most likely typing mistakes worth a warning. */
    public static List<String> unknownVariables(Map<String, String> environment) {
        return environment.keySet().stream()
                .filter(name -> name.startsWith("GATEHOUSE_") && !name.startsWith("GATEHOUSE_TEST_"))
                .filter(name -> ConfigKey.byVariable(name).isEmpty())
                .sorted()
                .toList();
    }

    private GatehouseConfig build() {
        String host = text(ConfigKey.HOST);
        int port = integer(ConfigKey.PORT, 0, 65_535);
        URI issuer = issuer(port);
        List<String> origins = origins();
        Path dataDirectory = Path.of(text(ConfigKey.DATA_DIR).isBlank() ? "." : text(ConfigKey.DATA_DIR));
        Optional<String> databaseUrl = url(
                ConfigKey.DATABASE_URL,
                List.of("postgresql://", "postgres://", "jdbc:postgresql://"),
                "postgresql://user:password@host:5432/database or jdbc:postgresql://…");
        int databasePoolSize = integer(ConfigKey.DATABASE_POOL_SIZE, 2, 200);
        Optional<String> redisUrl = url(ConfigKey.REDIS_URL, List.of("redis://", "rediss://"), "redis://host:6379/0");
        Optional<Duration> idleSetting = duration(ConfigKey.SESSION_IDLE_TIMEOUT, MIN_IDLE, MAX_IDLE);
        Optional<Duration> absoluteSetting = duration(ConfigKey.SESSION_ABSOLUTE_TIMEOUT, MIN_IDLE, MAX_ABSOLUTE);
        Duration idle = idleSetting.orElse(MIN_IDLE);
        Duration absolute = absoluteSetting.orElse(MAX_ABSOLUTE);
        // Compared only when both parsed, so one typo does not report two problems.
        if (idleSetting.isPresent() && absoluteSetting.isPresent() && absolute.compareTo(idle) < 0) {
            problems.add("%s (%s) must be at least %s (%s)"
                    .formatted(
                            ConfigKey.SESSION_ABSOLUTE_TIMEOUT.environmentVariable(),
                            DurationText.format(absolute),
                            ConfigKey.SESSION_IDLE_TIMEOUT.environmentVariable(),
                            DurationText.format(idle)));
        }
        RegistrationMode registration = registration();
        int memory = integer(ConfigKey.ARGON2_MEMORY_KIB, Argon2Parameters.OWASP_MINIMUM.memoryKib(), 4 * 1024 * 1024);
        int iterations = integer(ConfigKey.ARGON2_ITERATIONS, Argon2Parameters.OWASP_MINIMUM.iterations(), 20);
        int parallelism = integer(ConfigKey.ARGON2_PARALLELISM, 1, 16);
        Optional<MasterKey> masterKey = masterKey();
        if (databaseUrl.isPresent()
                && masterKey.isEmpty()
                && text(ConfigKey.MASTER_KEY).isEmpty()) {
            // A generated key file would differ per node, and every other node would refuse the keys.
            problems.add(ConfigKey.MASTER_KEY.environmentVariable() + " must be set (the same on every node) when "
                    + ConfigKey.DATABASE_URL.environmentVariable() + " is");
        }
        if (redisUrl.isPresent() && databaseUrl.isEmpty()) {
            problems.add(
                    ConfigKey.REDIS_URL.environmentVariable() + " needs " + ConfigKey.DATABASE_URL.environmentVariable()
                            + ": Redis links nodes that share PostgreSQL; the embedded SQLite store serves one node");
        }
        SigningAlgorithm algorithm = signingAlgorithm();
        Duration accessTtl = duration(ConfigKey.ACCESS_TOKEN_TTL, Duration.ofSeconds(30), Duration.ofHours(1))
                .orElse(Duration.ofMinutes(5));
        AccessTokenType accessTokenType = accessTokenType();
        Optional<Duration> refreshIdle =
                duration(ConfigKey.REFRESH_TOKEN_IDLE_TIMEOUT, Duration.ofMinutes(5), Duration.ofDays(365));
        Optional<Duration> refreshAbsolute =
                duration(ConfigKey.REFRESH_TOKEN_ABSOLUTE_TIMEOUT, Duration.ofMinutes(5), Duration.ofDays(365));
        if (refreshIdle.isPresent()
                && refreshAbsolute.isPresent()
                && refreshAbsolute.get().compareTo(refreshIdle.get()) < 0) {
            problems.add("%s must be at least %s"
                    .formatted(
                            ConfigKey.REFRESH_TOKEN_ABSOLUTE_TIMEOUT.environmentVariable(),
                            ConfigKey.REFRESH_TOKEN_IDLE_TIMEOUT.environmentVariable()));
        }
        Duration grace = duration(ConfigKey.REFRESH_GRACE, Duration.ZERO, Duration.ofMinutes(2))
                .orElse(Duration.ZERO);
        Duration rotation = duration(ConfigKey.KEY_ROTATION_INTERVAL, Duration.ofHours(1), Duration.ofDays(365))
                .orElse(Duration.ofDays(30));
        AbuseLimits abuseLimits = abuseLimits();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new GatehouseConfig(
                host,
                port,
                issuer,
                origins,
                dataDirectory,
                databaseUrl,
                databasePoolSize,
                redisUrl,
                new SessionPolicy(idle, absolute, LAST_SEEN_WRITE_INTERVAL),
                registration,
                new Argon2Parameters(memory, iterations, parallelism),
                masterKey,
                algorithm,
                new TokenPolicy(accessTtl, Duration.ofSeconds(60), accessTokenType),
                new RefreshPolicy(refreshIdle.orElseThrow(), refreshAbsolute.orElseThrow(), grace),
                rotation,
                abuseLimits);
    }

    private Optional<MasterKey> masterKey() {
        String raw = text(ConfigKey.MASTER_KEY);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(raw);
            if (bytes.length == MasterKey.BYTES) {
                return Optional.of(new MasterKey(bytes));
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        problems.add(ConfigKey.MASTER_KEY.environmentVariable()
                + " (value masked): must be the base64 of exactly 32 bytes, e.g. from `openssl rand -base64 32`");
        return Optional.empty();
    }

    /** A URL of one of the given schemes, or empty when unset; its value never appears in a problem. */
    private Optional<String> url(ConfigKey key, List<String> schemes, String example) {
        String raw = text(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        if (schemes.stream().anyMatch(lower::startsWith)) {
            return Optional.of(raw);
        }
        problems.add(key.environmentVariable() + " (value masked): must look like " + example);
        return Optional.empty();
    }

    private SigningAlgorithm signingAlgorithm() {
        String raw = text(ConfigKey.SIGNING_ALG);
        return Arrays.stream(SigningAlgorithm.values())
                .filter(alg -> alg.name().equals(raw))
                .findFirst()
                .orElseGet(() -> {
                    problems.add(ConfigKey.SIGNING_ALG.environmentVariable() + "=" + raw
                            + ": must be ES256, EdDSA or RS256 (exactly so spelled)");
                    return SigningAlgorithm.ES256;
                });
    }

    private AccessTokenType accessTokenType() {
        String raw = text(ConfigKey.ACCESS_TOKEN_TYPE);
        return AccessTokenType.ofHeaderValue(raw).orElseGet(() -> {
            problems.add(ConfigKey.ACCESS_TOKEN_TYPE.environmentVariable() + "=" + raw
                    + ": must be at+jwt or JWT (exactly so spelled)");
            return AccessTokenType.AT_JWT;
        });
    }

    private String text(ConfigKey key) {
        return values.getOrDefault(key.environmentVariable(), key.defaultValue())
                .strip();
    }

    private int integer(ConfigKey key, int min, int max) {
        String raw = text(key);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("%s=%s: must be a whole number from %d to %d".formatted(key.environmentVariable(), raw, min, max));
        return min;
    }

    private Optional<Duration> duration(ConfigKey key, Duration min, Duration max) {
        String raw = text(key);
        Optional<Duration> parsed = DurationText.parse(raw);
        if (parsed.isPresent()
                && parsed.get().compareTo(min) >= 0
                && parsed.get().compareTo(max) <= 0) {
            return parsed;
        }
        problems.add("%s=%s: must be a duration from %s to %s (like 90s, 30m, 8h, 7d or PT30M)"
                .formatted(key.environmentVariable(), raw, DurationText.format(min), DurationText.format(max)));
        return Optional.empty();
    }

    private URI issuer(int port) {
        String variable = ConfigKey.ISSUER.environmentVariable();
        String raw = values.getOrDefault(variable, "http://localhost:" + port).strip();
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                problems.add(variable + "=" + raw + ": must be an absolute http(s) URL without query or fragment");
            } else if (!"https".equalsIgnoreCase(uri.getScheme())
                    && !("http".equalsIgnoreCase(uri.getScheme()) && Loopback.isLoopbackHost(uri.getHost()))) {
                problems.add(variable + "=" + raw + ": must use https (plain http is allowed only for localhost)");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(variable + "=" + raw + ": not a URL");
            return URI.create("http://localhost");
        }
    }

    private List<String> origins() {
        String raw = text(ConfigKey.ALLOWED_ORIGINS);
        if (raw.isBlank()) {
            return List.of();
        }
        List<String> origins = new ArrayList<>();
        for (String item : raw.split(",")) {
            Optional<String> origin = OriginText.parse(item);
            if (origin.isEmpty() || item.strip().equals("*")) {
                problems.add("%s: '%s' is not an origin like https://app.example.com (no path, no wildcard)"
                        .formatted(ConfigKey.ALLOWED_ORIGINS.environmentVariable(), item.strip()));
            } else {
                origins.add(origin.get());
            }
        }
        return origins;
    }

    private AbuseLimits abuseLimits() {
        String switchText = text(ConfigKey.RATE_LIMITS).toLowerCase(java.util.Locale.ROOT);
        if (!switchText.equals("on") && !switchText.equals("off")) {
            problems.add(ConfigKey.RATE_LIMITS.environmentVariable() + "=" + switchText + ": must be on or off");
        }
        Limit perAddress = limit(ConfigKey.LOGIN_LIMIT_PER_ADDRESS);
        Limit perAccount = limit(ConfigKey.LOGIN_LIMIT_PER_ACCOUNT);
        int threshold = integer(ConfigKey.LOCKOUT_THRESHOLD, 3, 100);
        TrustedProxies proxies = TrustedProxies.parse(text(ConfigKey.TRUSTED_PROXIES))
                .orElseGet(() -> {
                    problems.add(ConfigKey.TRUSTED_PROXIES.environmentVariable()
                            + ": must be IP addresses or CIDR blocks like 10.0.0.0/8, comma-separated (no host names)");
                    return TrustedProxies.NONE;
                });
        return new AbuseLimits(
                !switchText.equals("off"),
                perAddress,
                perAccount,
                threshold,
                proxies,
                limit(ConfigKey.REFRESH_LIMIT_PER_FAMILY),
                limit(ConfigKey.FAILED_REFRESH_LIMIT_PER_ADDRESS),
                limit(ConfigKey.INTROSPECTION_LIMIT_PER_CLIENT),
                limit(ConfigKey.FAILED_INTROSPECTION_LIMIT_PER_ADDRESS));
    }

    private Limit limit(ConfigKey key) {
        String raw = text(key);
        return Limit.parse(raw).orElseGet(() -> {
            problems.add(key.environmentVariable() + "=" + raw + ": must be count/window like 30/1m (s, m or h)");
            return Limit.parse(key.defaultValue()).orElseThrow();
        });
    }

    private RegistrationMode registration() {
        String raw = text(ConfigKey.REGISTRATION);
        return Arrays.stream(RegistrationMode.values())
                .filter(mode -> mode.name().equalsIgnoreCase(raw))
                .findFirst()
                .orElseGet(() -> {
                    problems.add(ConfigKey.REGISTRATION.environmentVariable() + "=" + raw + ": must be open or closed");
                    return RegistrationMode.CLOSED;
                });
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
