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
 * @param management where Prometheus metrics are served, if anywhere: never on the public port
 * @param connectionLimits how many connections, and how slow their clients may be
 * @param keyValues every key as it was read, which {@link #describe()} shows
 */
public record GatehouseConfig(
        String host,
        int port,
        ManagementListenerConfig management,
        ConnectionLimits connectionLimits,
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
        AbuseLimits abuseLimits,
        KeyValues keyValues) {

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

    /** How recent a sign-in must be for the admin console's sensitive acts to go ahead without the password. */
    public Duration adminReauthentication() {
        return keyValues.get(ConfigKey.ADMIN_REAUTHENTICATION);
    }

    /** Whether sign-in waits for a verified address: {@code auto} means when strangers may sign up. */
    public boolean requireVerifiedEmail() {
        String setting = keyValues.get(ConfigKey.REQUIRE_VERIFIED_EMAIL);
        return switch (setting) {
            case "on" -> true;
            case "off" -> false;
            default -> registration == RegistrationMode.OPEN;
        };
    }

    /** Where mails go over SMTP; empty: into {@link #mailOutboxDirectory()} as files. */
    public Optional<String> smtpUrl() {
        return keyValues.get(ConfigKey.SMTP_URL);
    }

    /** Whether {@code smtp://} may go on in plain text when the server offers no STARTTLS (development only). */
    public boolean smtpAllowsPlaintext() {
        return keyValues.<Boolean>get(ConfigKey.SMTP_ALLOW_PLAINTEXT);
    }

    /** The sender of Gatehouse's mails. */
    public String mailFrom() {
        String configured = keyValues.get(ConfigKey.MAIL_FROM);
        return configured.isBlank() ? "Gatehouse <gatehouse@" + issuer.getHost() + ">" : configured;
    }

    /** Where mails are written as {@code .eml} files when no SMTP server is configured. */
    public Path mailOutboxDirectory() {
        return dataDirectory.resolve("outbox");
    }

    /** Whether administrators must have a second factor before the admin console and API serve them. */
    public boolean requireMfaForAdmins() {
        return keyValues.<Boolean>get(ConfigKey.REQUIRE_MFA_FOR_ADMINS);
    }

    /** Development only: back-channel logout over plain http to a loopback address. */
    public boolean backchannelAllowInsecureHttpToLoopback() {
        return keyValues.<Boolean>get(ConfigKey.BACKCHANNEL_ALLOW_INSECURE_HTTP_TO_LOOPBACK);
    }

    /** Host names whose internal addresses back-channel logout may reach, lower-case. */
    public java.util.Set<String> backchannelAllowedInternalHosts() {
        String hosts = keyValues.get(ConfigKey.BACKCHANNEL_ALLOWED_INTERNAL_HOSTS);
        return java.util.Arrays.stream(hosts.split(","))
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
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
        return ConnectionUrl.withoutPassword(url);
    }

    /** How log lines are written; read from the keys rather than held apart, as nothing else needs it. */
    public LogFormat logFormat() {
        return keyValues.get(ConfigKey.LOG_FORMAT);
    }

    /** One line per key, {@code name=value}, for the start-up log: secrets masked, URLs without passwords. */
    public List<String> describe() {
        return keyValues.describe();
    }

    /** The described form, so that printing the record never shows a secret or a password. */
    @Override
    public String toString() {
        return "GatehouseConfig" + describe();
    }
}
