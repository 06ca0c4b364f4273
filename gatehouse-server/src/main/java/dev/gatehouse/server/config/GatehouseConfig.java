package dev.gatehouse.server.config;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.session.SessionPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

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
        SessionPolicy sessionPolicy,
        RegistrationMode registration,
        Argon2Parameters passwordHashing) {

    public GatehouseConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The issuer's origin: scheme, host and port, as browsers send it in {@code Origin}. */
    public String issuerOrigin() {
        return OriginText.of(issuer);
    }

    public GatehouseConfig withPort(int newPort) {
        return new GatehouseConfig(
                host, newPort, issuer, allowedOrigins, dataDirectory, sessionPolicy, registration, passwordHashing);
    }

    /** One line per key, for the start-up log. Nothing here is secret yet; keys that are get masked here. */
    public List<String> describe() {
        return List.of(
                "host=" + host,
                "port=" + port,
                "issuer=" + issuer,
                "allowed_origins=" + allowedOrigins,
                "data_dir=" + dataDirectory.toAbsolutePath().normalize(),
                "session_idle_timeout=" + DurationText.format(sessionPolicy.idleTimeout()),
                "session_absolute_timeout=" + DurationText.format(sessionPolicy.absoluteTimeout()),
                "registration=" + registration.name().toLowerCase(java.util.Locale.ROOT),
                "argon2=m=%d,t=%d,p=%d"
                        .formatted(
                                passwordHashing.memoryKib(),
                                passwordHashing.iterations(),
                                passwordHashing.parallelism()));
    }
}
