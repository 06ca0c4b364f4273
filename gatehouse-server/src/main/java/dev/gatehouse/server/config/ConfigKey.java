package dev.gatehouse.server.config;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.core.secret.MasterKey;
import dev.gatehouse.jwt.AccessTokenType;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration key, declared once: its environment variable, default, type with the range it
 * allows, whether it is secret, and its meaning. Loading, problem messages and the start-up print
 * follow from this table; the tables in the README and {@code docs/configuration.md} carry the same
 * defaults and meanings, and a test keeps them equal.
 *
 * <p>A description may use its type's terms in braces ({@code {range}}, {@code {max}}); a default may
 * name an earlier key in angle brackets ({@code <port>}) for that key's value.
 */
public enum ConfigKey {
    HOST(
            "GATEHOUSE_HOST",
            "127.0.0.1",
            new FreeText(),
            "Address to listen on. Loopback by default; `0.0.0.0` for all interfaces."),
    PORT("GATEHOUSE_PORT", "8080", new WholeNumber(0, 65_535), "TCP port, {range} (0 picks a free one)."),
    MANAGEMENT_PORT(
            "GATEHOUSE_MANAGEMENT_PORT",
            "off",
            new PortOrOff(),
            "Port of the management listener, which serves Prometheus metrics at `/metrics` and nothing else,"
                    + " apart from the public port (which answers 404 there). {range} (0 picks a free one); off"
                    + " unless set. See docs/operations.md."),
    MANAGEMENT_HOST(
            "GATEHOUSE_MANAGEMENT_HOST",
            "127.0.0.1",
            new FreeText(),
            "Address the management listener binds. Loopback by default: metrics tell an outsider about"
                    + " traffic and load. Widen it only to a network only the scraper reaches."),
    MAX_CONNECTIONS(
            "GATEHOUSE_MAX_CONNECTIONS",
            "auto",
            new CountOrAuto(8, 1_000_000),
            "Connections held at once, {range}. `auto`: what the open-file limit leaves after the descriptors"
                    + " open at start and a reserve (64 plus the PostgreSQL pool), and 128 KiB of half the heap"
                    + " each (about 660 with the launcher's 168 MiB heap), at most 10,000; a number that does"
                    + " not fit the open-file limit is refused at start. A number you set is taken whatever the"
                    + " heap: give the JVM 256 KiB a connection (`GATEHOUSE_JAVA_OPTS=-Xmx…`). Past it a new"
                    + " connection replaces the one waiting longest on its client (for a request or the rest of a"
                    + " body), or is answered 503; see docs/security.md."),
    MAX_CONNECTIONS_PER_ADDRESS(
            "GATEHOUSE_MAX_CONNECTIONS_PER_ADDRESS",
            "64",
            new WholeNumber(1, 1_000_000),
            "Connections held at once per client address (IPv6 by /64), {range}, with the same rule past it."
                    + " Trusted proxies count only toward the total."),
    CONNECTION_IDLE_TIMEOUT(
            "GATEHOUSE_CONNECTION_IDLE_TIMEOUT",
            "1m",
            new DurationRange(Duration.ofSeconds(2), Duration.ofHours(1)),
            "A connection that starts no request for this long is closed, as is one whose client takes none of"
                    + " an answer for as long. {range}."),
    REQUEST_READ_TIMEOUT(
            "GATEHOUSE_REQUEST_READ_TIMEOUT",
            "10s",
            new DurationRange(Duration.ofSeconds(1), Duration.ofMinutes(5)),
            "A request's header must arrive within this time of its first byte; after this much waiting for a"
                    + " body, it must have come at 500 bytes a second or more. Slower connections are closed."
                    + " {range}."),
    ISSUER(
            "GATEHOUSE_ISSUER",
            "http://localhost:<port>",
            new PublicUrl(),
            "Public base URL of this server; its origin is the one same-origin requests come from."
                    + " Must be `https` except for `localhost` and loopback addresses."),
    DATA_DIR(
            "GATEHOUSE_DATA_DIR",
            "./gatehouse-data",
            new FilePath(),
            "Directory of the embedded SQLite database (and of `master.key` when no master key is set)."),
    DATABASE_URL(
            "GATEHOUSE_DATABASE_URL",
            "",
            new ConnectionUrl(
                    List.of("postgresql://", "postgres://", "jdbc:postgresql://"),
                    "postgresql://user:password@host:5432/database or jdbc:postgresql://…"),
            Secrecy.SECRET,
            "PostgreSQL for many nodes: `postgresql://user:password@host:5432/db` or `jdbc:postgresql://…`."
                    + " Unset: the embedded SQLite database. Needs `GATEHOUSE_MASTER_KEY`, the same on every node."
                    + " The password is never logged."),
    DATABASE_POOL_SIZE(
            "GATEHOUSE_DATABASE_POOL_SIZE",
            "10",
            new WholeNumber(2, 200),
            "PostgreSQL connections per node, {range}. Size `max_connections` for nodes × this, plus tools."),
    REDIS_URL(
            "GATEHOUSE_REDIS_URL",
            "",
            new ConnectionUrl(List.of("redis://", "rediss://"), "redis://host:6379/0"),
            Secrecy.SECRET,
            "Redis shared by the nodes (`redis://host:6379/0`): revocations reach every node in milliseconds"
                    + " instead of within the 250 ms poll. Optional; nodes work without it, and say so."
                    + " Needs `GATEHOUSE_DATABASE_URL`."),
    SESSION_IDLE_TIMEOUT(
            "GATEHOUSE_SESSION_IDLE_TIMEOUT",
            "30m",
            new DurationRange(Duration.ofMinutes(2), Duration.ofDays(1)),
            "A session unused this long ends. {range}."),
    SESSION_ABSOLUTE_TIMEOUT(
            "GATEHOUSE_SESSION_ABSOLUTE_TIMEOUT",
            "8h",
            new DurationRange(Duration.ofMinutes(2), Duration.ofDays(90)),
            "A session ends this long after login however active it is. From the idle timeout to {max}."),
    ALLOWED_ORIGINS(
            "GATEHOUSE_ALLOWED_ORIGINS",
            "",
            new OriginList(),
            "Comma-separated origins (`https://app.example.com`) besides the issuer's own that may send"
                    + " cookie-authenticated unsafe requests. Exact match."),
    BACKCHANNEL_ALLOW_INSECURE_HTTP_TO_LOOPBACK(
            "GATEHOUSE_BACKCHANNEL_ALLOW_INSECURE_HTTP_TO_LOOPBACK",
            "off",
            OneOf.ignoringCase(List.of(true, false), on -> on ? "on" : "off"),
            "{choices}. Development only: back-channel logout tokens may go over plain `http` to a loopback"
                    + " address. Otherwise `https` only."),
    BACKCHANNEL_ALLOWED_INTERNAL_HOSTS(
            "GATEHOUSE_BACKCHANNEL_ALLOWED_INTERNAL_HOSTS",
            "",
            new FreeText(),
            "Comma-separated host names whose loopback, private or link-local addresses back-channel logout"
                    + " may reach. Empty: none (SSRF guard)."),
    REGISTRATION(
            "GATEHOUSE_REGISTRATION",
            "closed",
            OneOf.ignoringCase(
                    List.of(RegistrationMode.values()), mode -> mode.name().toLowerCase(Locale.ROOT)),
            "`open` lets anyone sign up with `POST /v1/accounts` or the `/signup` page; `closed` does not."),
    REQUIRE_VERIFIED_EMAIL(
            "GATEHOUSE_REQUIRE_VERIFIED_EMAIL",
            "auto",
            OneOf.ignoringCase(List.of("auto", "on", "off"), choice -> choice),
            "{choices}. `on` refuses sign-in until the account's address is verified (the link mailed at sign-up,"
                    + " or an administrator vouching for it), saying so and offering to send the link again."
                    + " `auto`: on when `GATEHOUSE_REGISTRATION=open`."),
    SMTP_URL(
            "GATEHOUSE_SMTP_URL",
            "",
            new ConnectionUrl(List.of("smtp://", "smtps://"), "smtp://user:password@host:587 or smtps://…@host:465"),
            Secrecy.SECRET,
            "Mail server for password-reset and verification mails: `smtp://user:password@host:587` (STARTTLS,"
                    + " required) or `smtps://…@host:465` (TLS from the start); certificates are checked. Unset: mails"
                    + " are written as `.eml` files to `outbox/` in the data directory, and start-up says so. The"
                    + " password is never logged."),
    SMTP_ALLOW_PLAINTEXT(
            "GATEHOUSE_SMTP_ALLOW_PLAINTEXT",
            "off",
            OneOf.ignoringCase(List.of(true, false), on -> on ? "on" : "off"),
            "{choices}. `on` lets `smtp://` go on without STARTTLS when the server offers none: for a development"
                    + " mail catcher only, never across a network."),
    MAIL_FROM(
            "GATEHOUSE_MAIL_FROM",
            "",
            new FreeText(),
            "Sender of Gatehouse's mails, `Name <address>` or an address. Unset: `Gatehouse <gatehouse@HOST>`, HOST"
                    + " being the issuer's host."),
    ARGON2_MEMORY_KIB(
            "GATEHOUSE_ARGON2_MEMORY_KIB",
            Integer.toString(Argon2Parameters.DEFAULT.memoryKib()),
            new WholeNumber(Argon2Parameters.OWASP_LEAST_MEMORY_KIB, 4 * 1024 * 1024),
            "Argon2id memory per hash in KiB. {range}; with the passes, at least one of OWASP's settings ("
                    + Argon2Parameters.owaspSettingsText() + ")."),
    ARGON2_ITERATIONS(
            "GATEHOUSE_ARGON2_ITERATIONS",
            Integer.toString(Argon2Parameters.DEFAULT.iterations()),
            new WholeNumber(1, 20),
            "Argon2id passes. {range}; fewer than 5 need more memory (above)."),
    ARGON2_PARALLELISM("GATEHOUSE_ARGON2_PARALLELISM", "1", new WholeNumber(1, 16), "Argon2id lanes. {range}."),
    MASTER_KEY(
            "GATEHOUSE_MASTER_KEY",
            "",
            new Base64Secret(MasterKey.BYTES),
            Secrecy.SECRET,
            "Base64 of {bytes} random bytes that encrypt the signing keys at rest (`openssl rand -base64 {bytes}`)."
                    + " Unset: a generated `master.key` file (mode 0600) in the data directory, with a warning."
                    + " Never logged."),
    SIGNING_ALG(
            "GATEHOUSE_SIGNING_ALG",
            "ES256",
            OneOf.exactly(List.of(SigningAlgorithm.values()), SigningAlgorithm::name),
            "Algorithm of access-token signing keys: `ES256`, `EdDSA` (Ed25519) or `RS256`. ID and logout tokens are always RS256 (OpenID Connect's mandatory algorithm), with keys of their own when this is not RS256."),
    ACCESS_TOKEN_TTL(
            "GATEHOUSE_ACCESS_TOKEN_TTL",
            "5m",
            new DurationRange(Duration.ofSeconds(30), Duration.ofHours(1)),
            "Lifetime of access tokens. {range}."),
    ACCESS_TOKEN_TYPE(
            "GATEHOUSE_ACCESS_TOKEN_TYPE",
            "at+jwt",
            OneOf.exactly(List.of(AccessTokenType.values()), AccessTokenType::headerValue),
            "The `typ` header of access tokens, and the only one accepted: `at+jwt` (RFC 9068) or `JWT`, for"
                    + " resource servers that accept nothing else, such as Spring Security configured with only"
                    + " `issuer-uri`. See docs/verifier.md."),
    REFRESH_TOKEN_IDLE_TIMEOUT(
            "GATEHOUSE_REFRESH_TOKEN_IDLE_TIMEOUT",
            "14d",
            new DurationRange(Duration.ofMinutes(5), Duration.ofDays(365)),
            "A refresh-token family unused this long is dead. {range}."),
    REFRESH_TOKEN_ABSOLUTE_TIMEOUT(
            "GATEHOUSE_REFRESH_TOKEN_ABSOLUTE_TIMEOUT",
            "90d",
            new DurationRange(Duration.ofMinutes(5), Duration.ofDays(365)),
            "A token login ends this long after it began however active. From the idle timeout to {max}."),
    REFRESH_GRACE(
            "GATEHOUSE_REFRESH_GRACE",
            "30s",
            new DurationRange(Duration.ZERO, Duration.ofMinutes(2)),
            "How long the refresh token just rotated away still returns the same successor (two tabs, a lost"
                    + " response). {range}."),
    KEY_ROTATION_INTERVAL(
            "GATEHOUSE_KEY_ROTATION_INTERVAL",
            "30d",
            new DurationRange(Duration.ofHours(1), Duration.ofDays(365)),
            "The active signing key is rotated when it is this old. {range}."),
    ADMIN_REAUTHENTICATION(
            "GATEHOUSE_ADMIN_REAUTHENTICATION",
            "10m",
            new DurationRange(Duration.ZERO, Duration.ofHours(1)),
            "The admin console asks for the password again before rotating keys, deleting a user or creating a"
                    + " client when the session's sign-in, or the last time its password was given, is older than"
                    + " this. {range}; 0s asks every time."),
    REQUIRE_MFA_FOR_ADMINS(
            "GATEHOUSE_REQUIRE_MFA_FOR_ADMINS",
            "off",
            OneOf.ignoringCase(List.of(true, false), on -> on ? "on" : "off"),
            "{choices}. Administrators must have a second factor: an admin without one is sent to set up an"
                    + " authenticator app before the admin console (and refused by the admin API) after signing in, and"
                    + " an admin with one is served only by a session or token that used it (`amr` has `mfa`): a"
                    + " password-only session (even one that enrolled the factor afterwards) is sent to sign in again by"
                    + " the console and refused with `step-up-required` by the admin API."),
    RATE_LIMITS(
            "GATEHOUSE_RATE_LIMITS",
            "on",
            OneOf.ignoringCase(List.of(true, false), on -> on ? "on" : "off"),
            "{choices}. Rate limits and the login lock-out; the other limits are in docs/security.md."),
    LOGIN_LIMIT_PER_ADDRESS(
            "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS",
            "30/1m",
            new RateLimit(),
            "Logins (cookie and token) per client address (IPv6 by /64), as count/window (`s`, `m`, `h`)."),
    LOGIN_LIMIT_PER_ACCOUNT(
            "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT",
            "10/1m",
            new RateLimit(),
            "Logins per account identifier from all addresses together, as count/window."),
    LOCKOUT_THRESHOLD(
            "GATEHOUSE_LOCKOUT_THRESHOLD",
            "5",
            new WholeNumber(3, 100),
            "Failed logins in a row before an identifier is locked for 30 s, doubling per further failure up"
                    + " to 15 min, for clients that never signed in to it; a device that did is locked alone"
                    + " after as many of its own failures. {range}."),
    REFRESH_LIMIT_PER_FAMILY(
            "GATEHOUSE_REFRESH_LIMIT_PER_FAMILY",
            "30/1m",
            new RateLimit(),
            "Refreshes of one token login (a refresh-token family), as count/window: stops a looping app,"
                    + " whoever shares its address."),
    FAILED_REFRESH_LIMIT_PER_ADDRESS(
            "GATEHOUSE_FAILED_REFRESH_LIMIT_PER_ADDRESS",
            "300/1m",
            new RateLimit(),
            "Failed refreshes (unknown, expired or reused tokens, bad client) per client address, as count/window."),
    INTROSPECTION_LIMIT_PER_CLIENT(
            "GATEHOUSE_INTROSPECTION_LIMIT_PER_CLIENT",
            "60000/1m",
            new RateLimit(),
            "Introspections per authenticated resource server, as count/window: 1,000 a second, sized for an API"
                    + " gateway in front of many services."),
    FAILED_INTROSPECTION_LIMIT_PER_ADDRESS(
            "GATEHOUSE_FAILED_INTROSPECTION_LIMIT_PER_ADDRESS",
            "60/1m",
            new RateLimit(),
            "Introspection requests that fail client authentication, per client address, as count/window."),
    TRUSTED_PROXIES(
            "GATEHOUSE_TRUSTED_PROXIES",
            "",
            new ProxyList(),
            "Comma-separated addresses or CIDR blocks of reverse proxies whose `X-Forwarded-For` is believed."
                    + " Unset: the header is ignored."),
    LOG_FORMAT(
            "GATEHOUSE_LOG_FORMAT",
            "text",
            OneOf.ignoringCase(
                    List.of(LogFormat.values()), format -> format.name().toLowerCase(Locale.ROOT)),
            "{choices}. `json`: one JSON object per line (`time`, `level`, `logger`, `message`, `thread`,"
                    + " `request_id` while serving a request, `exception`), for a log collector; see"
                    + " docs/operations.md."),
    CONFIG_FILE(
            "GATEHOUSE_CONFIG_FILE",
            "",
            new FreeText(),
            "Optional Java properties file with any of these keys (by their variable names); the environment wins.");

    /** Whether a key's value may be shown. */
    enum Secrecy {
        PLAIN,
        /** Masked wherever configuration is shown: in problems, at start-up, in {@code toString()}. */
        SECRET
    }

    private static final Pattern KEY_REFERENCE = Pattern.compile("<([a-z0-9_]+)>");

    private final String environmentVariable;
    private final String defaultValue;
    private final ValueType<?> type;
    private final Secrecy secrecy;
    private final String description;

    ConfigKey(String environmentVariable, String defaultValue, ValueType<?> type, String description) {
        this(environmentVariable, defaultValue, type, Secrecy.PLAIN, description);
    }

    ConfigKey(String environmentVariable, String defaultValue, ValueType<?> type, Secrecy secrecy, String description) {
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
        this.type = type;
        this.secrecy = secrecy;
        String filled = description;
        for (Map.Entry<String, String> term : type.terms().entrySet()) {
            filled = filled.replace("{" + term.getKey() + "}", term.getValue());
        }
        this.description = filled;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** The default as documented; {@code <port>} in it stands for the port's value. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The meaning, with the range its type enforces written in. */
    public String description() {
        return description;
    }

    /** Keys whose values are secrets: masked wherever configuration is shown. */
    public boolean isSecret() {
        return secrecy == Secrecy.SECRET;
    }

    ValueType<?> type() {
        return type;
    }

    /** The name of the key in the start-up print: {@code master_key}. */
    String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The default with each key it names in angle brackets replaced by {@code valueOf} that key. */
    String defaultValue(Function<ConfigKey, String> valueOf) {
        Matcher reference = KEY_REFERENCE.matcher(defaultValue);
        return reference.replaceAll(match ->
                Matcher.quoteReplacement(valueOf.apply(valueOf(match.group(1).toUpperCase(Locale.ROOT)))));
    }

    public static Optional<ConfigKey> byVariable(String name) {
        return Arrays.stream(values())
                .filter(k -> k.environmentVariable.equals(name))
                .findFirst();
    }
}
