package dev.gatehouse.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key: its environment variable, default and meaning. {@code docs/configuration.md}
 * carries the same table, and a test keeps the two equal.
 */
public enum ConfigKey {
    HOST("GATEHOUSE_HOST", "127.0.0.1", "Address to listen on. Loopback by default; `0.0.0.0` for all interfaces."),
    PORT("GATEHOUSE_PORT", "8080", "TCP port, 0 to 65535 (0 picks a free one)."),
    ISSUER(
            "GATEHOUSE_ISSUER",
            "http://localhost:<port>",
            "Public base URL of this server; its origin is the one same-origin requests come from."
                    + " Must be `https` except for `localhost` and loopback addresses."),
    DATA_DIR(
            "GATEHOUSE_DATA_DIR",
            "./gatehouse-data",
            "Directory of the embedded SQLite database (and of `master.key` when no master key is set)."),
    DATABASE_URL(
            "GATEHOUSE_DATABASE_URL",
            "",
            "PostgreSQL for many nodes: `postgresql://user:password@host:5432/db` or `jdbc:postgresql://…`."
                    + " Unset: the embedded SQLite database. Needs `GATEHOUSE_MASTER_KEY`, the same on every node."
                    + " The password is never logged."),
    DATABASE_POOL_SIZE(
            "GATEHOUSE_DATABASE_POOL_SIZE",
            "10",
            "PostgreSQL connections per node, 2 to 200. Size `max_connections` for nodes × this, plus tools."),
    REDIS_URL(
            "GATEHOUSE_REDIS_URL",
            "",
            "Redis shared by the nodes (`redis://host:6379/0`): revocations reach every node in milliseconds"
                    + " instead of within the 250 ms poll. Optional; nodes work without it, and say so."),
    SESSION_IDLE_TIMEOUT("GATEHOUSE_SESSION_IDLE_TIMEOUT", "30m", "A session unused this long ends. 2m to 1d."),
    SESSION_ABSOLUTE_TIMEOUT(
            "GATEHOUSE_SESSION_ABSOLUTE_TIMEOUT",
            "8h",
            "A session ends this long after login however active it is. From the idle timeout to 90d."),
    ALLOWED_ORIGINS(
            "GATEHOUSE_ALLOWED_ORIGINS",
            "",
            "Comma-separated origins (`https://app.example.com`) besides the issuer's own that may send"
                    + " cookie-authenticated unsafe requests. Exact match."),
    REGISTRATION(
            "GATEHOUSE_REGISTRATION",
            "closed",
            "`open` lets anyone sign up with `POST /v1/accounts`; `closed` does not."),
    ARGON2_MEMORY_KIB(
            "GATEHOUSE_ARGON2_MEMORY_KIB",
            "19456",
            "Argon2id memory per hash in KiB. 19456 (OWASP minimum) to 4194304."),
    ARGON2_ITERATIONS("GATEHOUSE_ARGON2_ITERATIONS", "2", "Argon2id passes. 2 to 20."),
    ARGON2_PARALLELISM("GATEHOUSE_ARGON2_PARALLELISM", "1", "Argon2id lanes. 1 to 16."),
    MASTER_KEY(
            "GATEHOUSE_MASTER_KEY",
            "",
            "Base64 of 32 random bytes that encrypt the signing keys at rest (`openssl rand -base64 32`). Unset: a"
                    + " generated `master.key` file (mode 0600) in the data directory, with a warning. Never logged."),
    SIGNING_ALG(
            "GATEHOUSE_SIGNING_ALG", "ES256", "Algorithm of new signing keys: `ES256`, `EdDSA` (Ed25519) or `RS256`."),
    ACCESS_TOKEN_TTL("GATEHOUSE_ACCESS_TOKEN_TTL", "5m", "Lifetime of access tokens. 30s to 1h."),
    ACCESS_TOKEN_TYPE(
            "GATEHOUSE_ACCESS_TOKEN_TYPE",
            "at+jwt",
            "The `typ` header of access tokens, and the only one accepted: `at+jwt` (RFC 9068) or `JWT`, for"
                    + " resource servers that accept nothing else, such as Spring Security configured with only"
                    + " `issuer-uri`. See docs/verifier.md."),
    REFRESH_TOKEN_IDLE_TIMEOUT(
            "GATEHOUSE_REFRESH_TOKEN_IDLE_TIMEOUT",
            "14d",
            "A refresh-token family unused this long is dead. 5m to 365d."),
    REFRESH_TOKEN_ABSOLUTE_TIMEOUT(
            "GATEHOUSE_REFRESH_TOKEN_ABSOLUTE_TIMEOUT",
            "90d",
            "A token login ends this long after it began however active. From the idle timeout to 365d."),
    REFRESH_GRACE(
            "GATEHOUSE_REFRESH_GRACE",
            "30s",
            "How long the refresh token just rotated away still returns the same successor (two tabs, a lost"
                    + " response). 0s to 2m."),
    KEY_ROTATION_INTERVAL(
            "GATEHOUSE_KEY_ROTATION_INTERVAL",
            "30d",
            "The active signing key is rotated when it is this old. 1h to 365d."),
    RATE_LIMITS(
            "GATEHOUSE_RATE_LIMITS",
            "on",
            "`on` or `off`. Rate limits and the login lock-out; the other limits are in docs/security.md."),
    LOGIN_LIMIT_PER_ADDRESS(
            "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS",
            "30/1m",
            "Logins (cookie and token) per client address (IPv6 by /64), as count/window (`s`, `m`, `h`)."),
    LOGIN_LIMIT_PER_ACCOUNT(
            "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT",
            "10/1m",
            "Logins per account identifier from all addresses together, as count/window."),
    LOCKOUT_THRESHOLD(
            "GATEHOUSE_LOCKOUT_THRESHOLD",
            "5",
            "Failed logins in a row before an identifier is locked for 30 s, doubling per further failure up"
                    + " to 15 min, for clients that never signed in to it; a device that did is locked alone"
                    + " after as many of its own failures. 3 to 100."),
    REFRESH_LIMIT_PER_FAMILY(
            "GATEHOUSE_REFRESH_LIMIT_PER_FAMILY",
            "30/1m",
            "Refreshes of one token login (a refresh-token family), as count/window: stops a looping app,"
                    + " whoever shares its address."),
    FAILED_REFRESH_LIMIT_PER_ADDRESS(
            "GATEHOUSE_FAILED_REFRESH_LIMIT_PER_ADDRESS",
            "300/1m",
            "Failed refreshes (unknown, expired or reused tokens, bad client) per client address, as count/window."),
    INTROSPECTION_LIMIT_PER_CLIENT(
            "GATEHOUSE_INTROSPECTION_LIMIT_PER_CLIENT",
            "60000/1m",
            "Introspections per authenticated resource server, as count/window: 1,000 a second, sized for an API"
                    + " gateway in front of many services."),
    FAILED_INTROSPECTION_LIMIT_PER_ADDRESS(
            "GATEHOUSE_FAILED_INTROSPECTION_LIMIT_PER_ADDRESS",
            "60/1m",
            "Introspection requests that fail client authentication, per client address, as count/window."),
    TRUSTED_PROXIES(
            "GATEHOUSE_TRUSTED_PROXIES",
            "",
            "Comma-separated addresses or CIDR blocks of reverse proxies whose `X-Forwarded-For` is believed."
                    + " Unset: the header is ignored."),
    CONFIG_FILE(
            "GATEHOUSE_CONFIG_FILE",
            "",
            "Optional Java properties file with any of these keys (by their variable names); the environment wins.");

    /** Keys whose values are secrets: masked wherever configuration is shown. */
    public boolean isSecret() {
        return this == MASTER_KEY || this == DATABASE_URL || this == REDIS_URL;
    }

    private final String environmentVariable;
    private final String defaultValue;
    private final String description;

    ConfigKey(String environmentVariable, String defaultValue, String description) {
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Optional<ConfigKey> byVariable(String name) {
        return Arrays.stream(values())
                .filter(k -> k.environmentVariable.equals(name))
                .findFirst();
    }
}
