package dev.gatehouse.server.config;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.refresh.RefreshPolicy;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.token.TokenPolicy;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, immutable, validated once by {@link ConfigLoader}.
 *
 * @param issuer public base URL, without a trailing slash
 * @param allowedOrigins origins besides the issuer's that may send cookie-authenticated unsafe requests
 */
public record GatehouseConfig(
        String host,
        int port,
        URI issuer,
        List<String> allowedOrigins,
        Path dataDirectory,
        Optional<String> databaseUrl,
        int databasePoolSize,
        Optional<String> redisUrl,
        SessionPolicy sessionPolicy,
        RegistrationMode registration,
        Argon2Parameters passwordHashing,
        Optional<MasterKey> masterKey,
        SigningAlgorithm signingAlgorithm,
        TokenPolicy tokenPolicy,
        RefreshPolicy refreshPolicy,
        Duration keyRotationInterval,
        AbuseLimits abuseLimits) {

    public GatehouseConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The issuer's origin: scheme, host and port, as browsers send it in {@code Origin}. */
    public String issuerOrigin() {
        return OriginText.of(issuer);
    }

    /** Token sessions live as long as their refresh tokens may; "last seen" is written as for cookies. */
    public SessionPolicy appSessionPolicy() {
        return new SessionPolicy(
                refreshPolicy.idleTimeout(), refreshPolicy.absoluteTimeout(), sessionPolicy.lastSeenWriteInterval());
    }

    /** True when nodes share PostgreSQL: the deployment may have many nodes. */
    public boolean isShared() {
        return databaseUrl.isPresent();
    }

    /**
     * A URL with any password masked: {@code scheme://user:****@host}, {@code password=****}. The
     * start-up print shows where the data is, never the credential.
     */
    public static String withoutPassword(String url) {
        return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    /** One line per key, for the start-up log. Nothing here is secret yet; keys that are get masked here. */
    public List<String> describe() {
        return List.of(
                "host=" + host,
                "port=" + port,
                "issuer=" + issuer,
                "allowed_origins=" + allowedOrigins,
                "data_dir=" + dataDirectory.toAbsolutePath().normalize(),
                "database=" + databaseUrl.map(GatehouseConfig::withoutPassword).orElse("(embedded SQLite)"),
                "database_pool_size=" + databasePoolSize,
                "redis=" + redisUrl.map(GatehouseConfig::withoutPassword).orElse("(none)"),
                "session_idle_timeout=" + DurationText.format(sessionPolicy.idleTimeout()),
                "session_absolute_timeout=" + DurationText.format(sessionPolicy.absoluteTimeout()),
                "registration=" + registration.name().toLowerCase(java.util.Locale.ROOT),
                "argon2=m=%d,t=%d,p=%d"
                        .formatted(
                                passwordHashing.memoryKib(),
                                passwordHashing.iterations(),
                                passwordHashing.parallelism()),
                "master_key=" + (masterKey.isPresent() ? "(set, masked)" : "(from the key file in the data dir)"),
                "signing_alg=" + signingAlgorithm,
                "access_token_ttl=" + DurationText.format(tokenPolicy.accessTokenTtl()),
                "access_token_type=" + tokenPolicy.type().headerValue(),
                "refresh_token_idle_timeout=" + DurationText.format(refreshPolicy.idleTimeout()),
                "refresh_token_absolute_timeout=" + DurationText.format(refreshPolicy.absoluteTimeout()),
                "refresh_grace=" + DurationText.format(refreshPolicy.grace()),
                "key_rotation_interval=" + DurationText.format(keyRotationInterval),
                "rate_limits="
                        + (abuseLimits.enabled()
                                ? "on, logins " + abuseLimits.loginPerAddress() + " per address, "
                                        + abuseLimits.loginPerAccount() + " per account, lock-out after "
                                        + abuseLimits.lockoutThreshold()
                                : "off"),
                "trusted_proxies=" + abuseLimits.trustedProxies());
    }
}
