package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.account.Argon2Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void theLogFormatIsReadOnItsOwnForTheReportOfAConfigurationThatDidNotLoad() {
        assertThat(ConfigLoader.logFormatOf(Map.of("GATEHOUSE_LOG_FORMAT", " Json ")))
                .isEqualTo(LogFormat.JSON);
        assertThat(ConfigLoader.logFormatOf(Map.of("GATEHOUSE_LOG_FORMAT", "yaml")))
                .isEqualTo(LogFormat.TEXT);
        assertThat(ConfigLoader.logFormatOf(Map.of())).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void hasSafeDefaultsWithNoConfigurationAtAll() {
        GatehouseConfig config = ConfigLoader.load(Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.issuer()).hasToString("http://localhost:8080");
        assertThat(config.dataDirectory()).isEqualTo(Path.of("./gatehouse-data"));
        assertThat(config.sessionPolicy().idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.sessionPolicy().absoluteTimeout()).isEqualTo(Duration.ofHours(8));
        assertThat(config.registration()).isEqualTo(RegistrationMode.CLOSED);
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.passwordHashing()).isEqualTo(new Argon2Parameters(19_456, 2, 1));
    }

    @Test
    void readsEveryVariable() {
        GatehouseConfig config = ConfigLoader.load(Map.of(
                "GATEHOUSE_HOST", "0.0.0.0",
                "GATEHOUSE_PORT", "9000",
                "GATEHOUSE_ISSUER", "https://auth.example.com/",
                "GATEHOUSE_DATA_DIR", "/var/lib/gatehouse",
                "GATEHOUSE_SESSION_IDLE_TIMEOUT", "PT15M",
                "GATEHOUSE_SESSION_ABSOLUTE_TIMEOUT", "7d",
                "GATEHOUSE_ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com:8443",
                "GATEHOUSE_REGISTRATION", "OPEN",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "65536",
                "GATEHOUSE_ARGON2_ITERATIONS", "3"));

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.issuer()).hasToString("https://auth.example.com");
        assertThat(config.issuerOrigin()).isEqualTo("https://auth.example.com");
        assertThat(config.sessionPolicy().idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.sessionPolicy().absoluteTimeout()).isEqualTo(Duration.ofDays(7));
        assertThat(config.allowedOrigins())
                .containsExactly("https://app.example.com", "https://admin.example.com:8443");
        assertThat(config.registration()).isEqualTo(RegistrationMode.OPEN);
        assertThat(config.passwordHashing().memoryKib()).isEqualTo(65_536);
    }

    @Test
    void reportsEveryBadKeyAtOnceNamingItsRange() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(
                        "GATEHOUSE_PORT", "70000",
                        "GATEHOUSE_SESSION_IDLE_TIMEOUT", "soon",
                        "GATEHOUSE_REGISTRATION", "maybe",
                        "GATEHOUSE_ARGON2_MEMORY_KIB", "1024")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("GATEHOUSE_PORT=70000")
                                        .contains("0 to 65535"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("GATEHOUSE_SESSION_IDLE_TIMEOUT=soon")
                                        .contains("2m to 1d"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("GATEHOUSE_REGISTRATION=maybe")
                                        .contains("open or closed"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("GATEHOUSE_ARGON2_MEMORY_KIB=1024")
                                        .contains("7168 to 4194304"))
                                .hasSize(4));
    }

    /** Each key's range alone allows 7168 KiB and one pass; together they must meet an OWASP setting. */
    @Test
    void refusesArgon2MemoryAndPassesThatMeetNoOwaspSettingTogether() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(
                        "GATEHOUSE_ARGON2_MEMORY_KIB", "9216",
                        "GATEHOUSE_ARGON2_ITERATIONS", "2")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith(
                                        "GATEHOUSE_ARGON2_MEMORY_KIB=9216 with GATEHOUSE_ARGON2_ITERATIONS=2 is below")
                                .contains("19456 t=2"));
        // Only the memory: the default two passes need 19456 KiB.
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "9216")))
                .isInstanceOf(ConfigException.class);

        assertThat(ConfigLoader.load(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "9216", "GATEHOUSE_ARGON2_ITERATIONS", "4"))
                        .passwordHashing())
                .isEqualTo(new Argon2Parameters(9_216, 4, 1));
        assertThat(ConfigLoader.load(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "47104", "GATEHOUSE_ARGON2_ITERATIONS", "1"))
                        .passwordHashing())
                .isEqualTo(new Argon2Parameters(47_104, 1, 1));
        assertThat(ConfigLoader.load(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "7168", "GATEHOUSE_ARGON2_ITERATIONS", "5"))
                        .passwordHashing())
                .isEqualTo(new Argon2Parameters(7_168, 5, 1));
    }

    @Test
    void hasTokenDefaultsFromTheIssue() {
        GatehouseConfig config = ConfigLoader.load(Map.of());

        assertThat(config.tokenPolicy().accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.refreshPolicy().idleTimeout()).isEqualTo(Duration.ofDays(14));
        assertThat(config.refreshPolicy().absoluteTimeout()).isEqualTo(Duration.ofDays(90));
        assertThat(config.refreshPolicy().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.signingAlgorithm()).hasToString("ES256");
        assertThat(config.tokenPolicy().type().headerValue()).isEqualTo("at+jwt");
        assertThat(config.masterKey()).isEmpty();
        assertThat(config.keyRotationInterval()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void readsTheMasterKeyButNeverShowsIt() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        GatehouseConfig config =
                ConfigLoader.load(Map.of("GATEHOUSE_MASTER_KEY", key, "GATEHOUSE_SIGNING_ALG", "RS256"));

        assertThat(config.masterKey()).isPresent();
        assertThat(String.join("\n", config.describe())).doesNotContain(key).contains("master_key=(set, masked)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_MASTER_KEY", "c2hvcnQ=")))
                .hasMessageContaining("GATEHOUSE_MASTER_KEY (value masked): must be the base64 of exactly 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThat(ConfigLoader.load(Map.of("GATEHOUSE_SIGNING_ALG", "EdDSA")).signingAlgorithm())
                .hasToString("EdDSA");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_SIGNING_ALG", "HS256")))
                .hasMessageContaining("must be ES256, EdDSA or RS256");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ACCESS_TOKEN_TTL", "2h")))
                .hasMessageContaining("GATEHOUSE_ACCESS_TOKEN_TTL=2h: must be a duration from 30s to 1h");
    }

    @Test
    void readsTheAccessTokenTypeExactlySoSpelled() {
        GatehouseConfig config = ConfigLoader.load(Map.of("GATEHOUSE_ACCESS_TOKEN_TYPE", "JWT"));

        assertThat(config.tokenPolicy().type().headerValue()).isEqualTo("JWT");
        assertThat(config.describe()).contains("access_token_type=JWT");
        for (String wrong : new String[] {"jwt", "at+JWT", "application/at+jwt", "none"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ACCESS_TOKEN_TYPE", wrong)))
                    .hasMessageContaining("GATEHOUSE_ACCESS_TOKEN_TYPE=" + wrong + ": must be at+jwt or JWT");
        }
    }

    @Test
    void refusesAnAbsoluteTimeoutShorterThanTheIdleOne() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("GATEHOUSE_SESSION_IDLE_TIMEOUT", "2h", "GATEHOUSE_SESSION_ABSOLUTE_TIMEOUT", "1h")))
                .hasMessageContaining(
                        "GATEHOUSE_SESSION_ABSOLUTE_TIMEOUT (1h) must be at least GATEHOUSE_SESSION_IDLE_TIMEOUT (2h)");
    }

    @Test
    void takesTheDefaultIssuerFromThePort() {
        assertThat(ConfigLoader.load(Map.of("GATEHOUSE_PORT", "9000")).issuer()).hasToString("http://localhost:9000");
    }

    @Test
    void reportsABadDatabaseUrlOnceEvenWithRedisSet() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("GATEHOUSE_DATABASE_URL", "mysql://h/db", "GATEHOUSE_REDIS_URL", "redis://h:6379/0")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("GATEHOUSE_DATABASE_URL (value masked)"));
    }

    @Test
    void refusesPlainHttpIssuersExceptOnLoopback() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ISSUER", "http://auth.example.com")))
                .hasMessageContaining("must use https");
        assertThat(ConfigLoader.load(Map.of("GATEHOUSE_ISSUER", "http://127.0.0.1:8080"))
                        .issuerOrigin())
                .isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ISSUER", "https://auth.example.com/?x=1")))
                .hasMessageContaining("without query");
    }

    @Test
    void takesPlainHttpOnlyFromStrictlyWrittenLoopbackHosts() {
        for (String refused :
                List.of("http://127.evil.example", "http://127.000.000.001:8080", "http://[::ffff:127.0.0.1]")) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ISSUER", refused)))
                    .as(refused)
                    .hasMessageContaining("must use https");
        }
        for (String allowed : List.of("http://localhost:8080", "http://127.0.0.2:8080", "http://[::1]:8080")) {
            assertThat(ConfigLoader.load(Map.of("GATEHOUSE_ISSUER", allowed)).issuerOrigin())
                    .isEqualTo(allowed);
        }
    }

    @Test
    void refusesWildcardsAndPathsInAllowedOrigins() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_ALLOWED_ORIGINS", "*")))
                .hasMessageContaining("'*' is not an origin");
        assertThatThrownBy(
                        () -> ConfigLoader.load(Map.of("GATEHOUSE_ALLOWED_ORIGINS", "https://app.example.com/login")))
                .hasMessageContaining("is not an origin");
    }

    @Test
    void readsAPropertiesFileWhichTheEnvironmentOverrides(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("gatehouse.properties");
        Files.writeString(file, "GATEHOUSE_PORT=9100\nGATEHOUSE_REGISTRATION=open\n");

        GatehouseConfig config =
                ConfigLoader.load(Map.of("GATEHOUSE_CONFIG_FILE", file.toString(), "GATEHOUSE_PORT", "9200"));

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.registration()).isEqualTo(RegistrationMode.OPEN);
    }

    @Test
    void refusesUnknownKeysInTheFileAndWarnsOfUnknownVariables(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("gatehouse.properties");
        Files.writeString(file, "GATEHOUSE_PROT=9100\n");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_CONFIG_FILE", file.toString())))
                .hasMessageContaining("unknown keys [GATEHOUSE_PROT]");
        assertThat(ConfigLoader.unknownVariables(
                        Map.of("GATEHOUSE_PROT", "1", "GATEHOUSE_PORT", "1", "GATEHOUSE_TEST_PG_URL", "x")))
                .isEqualTo(List.of("GATEHOUSE_PROT"));
    }

    @Test
    void readsTheManyNodesSettingsAndNeverShowsTheirPasswords() {
        GatehouseConfig config = ConfigLoader.load(Map.of(
                "GATEHOUSE_DATABASE_URL", "postgresql://gate:hunter22@db.internal:5432/auth",
                "GATEHOUSE_DATABASE_POOL_SIZE", "25",
                "GATEHOUSE_REDIS_URL", "redis://:redispass@redis.internal:6379/0",
                "GATEHOUSE_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        assertThat(config.isShared()).isTrue();
        assertThat(config.databasePoolSize()).isEqualTo(25);
        assertThat(String.join("\n", config.describe()))
                .contains("db.internal", "redis.internal")
                .doesNotContain("hunter22", "redispass");
    }

    @Test
    void refusesASharedDatabaseWithoutASharedMasterKeyAndRedisWithoutADatabase() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_DATABASE_URL", "postgresql://h/db")))
                .hasMessageContaining("GATEHOUSE_MASTER_KEY must be set");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_REDIS_URL", "redis://h:6379/0")))
                .hasMessageContaining("GATEHOUSE_REDIS_URL needs GATEHOUSE_DATABASE_URL");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_DATABASE_URL", "mysql://h/db")))
                .hasMessageContaining("value masked")
                .hasMessageNotContaining("mysql://h/db");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_DATABASE_POOL_SIZE", "1")))
                .hasMessageContaining("GATEHOUSE_DATABASE_POOL_SIZE");
    }

    @Test
    void readsTheAbuseLimits() {
        GatehouseConfig config = ConfigLoader.load(Map.of(
                "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "100/1h",
                "GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8, 2001:db8::/32"));

        assertThat(config.abuseLimits().enabled()).isTrue();
        assertThat(config.abuseLimits().loginPerAddress().max()).isEqualTo(100);
        assertThat(config.abuseLimits().trustedProxies().contains("10.1.2.3")).isTrue();
        assertThat(config.abuseLimits().trustedProxies().contains("2001:db8:ffff::1"))
                .isTrue();
        assertThat(config.abuseLimits().trustedProxies().contains("11.0.0.1")).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_TRUSTED_PROXIES", "proxy.example.com")))
                .hasMessageContaining("GATEHOUSE_TRUSTED_PROXIES");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "lots")))
                .hasMessageContaining("count/window");
    }
}
