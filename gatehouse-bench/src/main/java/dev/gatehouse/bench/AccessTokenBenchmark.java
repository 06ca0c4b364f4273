package dev.gatehouse.bench;

import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.KeyState;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.core.key.SigningKeyStore;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.BearerCheck;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.token.RevokedTokenStore;
import dev.gatehouse.core.token.TokenPolicy;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issuing and verifying one access token per algorithm, through the same service the server uses
 * (verification includes the structural checks and the revocation look-up, here in memory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessTokenBenchmark {
    @Param({"ES256", "EdDSA", "RS256"})
    public String algorithm;

    private AccessTokenService tokens;
    private String token;

    @Setup
    public void setUp() {
        tokens = service(SigningAlgorithm.valueOf(algorithm));
        token = issue(tokens).value();
    }

    @Benchmark
    public IssuedAccessToken issue() {
        return issue(tokens);
    }

    @Benchmark
    public BearerCheck verify() {
        return tokens.verify(token, "orders-api");
    }

    static IssuedAccessToken issue(AccessTokenService tokens) {
        return tokens.issue(
                "0c232112e25d185c452f0449e2b2538a",
                Optional.of("879443436fae97c630fbe7a05c351cf9"),
                "mobile",
                List.of("orders-api", "https://auth.example.com"),
                "");
    }

    static AccessTokenService service(SigningAlgorithm algorithm) {
        RandomSource random = RandomSource.secure();
        KeyService keys = new KeyService(
                new ListKeyStore(),
                new KeyEncryption(new byte[32], random),
                algorithm,
                Duration.ofMinutes(7),
                Clock.systemUTC(),
                random,
                AuditTrail.discarding(Clock.systemUTC()));
        keys.ensureKeys();
        RevokedTokenStore nothingRevoked = new RevokedTokenStore() {
            @Override
            public void revoke(String jwtId, Instant expiresAt) {}

            @Override
            public boolean isRevoked(String jwtId) {
                return false;
            }

            @Override
            public int purgeExpired(Instant now) {
                return 0;
            }
        };
        return new AccessTokenService(
                keys, nothingRevoked, "https://auth.example.com", TokenPolicy.DEFAULT, Clock.systemUTC(), random);
    }

    /** Keys in a list: the benchmark measures signing, not a database. */
    static final class ListKeyStore implements SigningKeyStore {
        private final List<SigningKey> keys = new ArrayList<>();

        @Override
        public synchronized void insert(SigningKey key) {
            keys.add(key);
        }

        @Override
        public synchronized List<SigningKey> list() {
            return List.copyOf(keys);
        }

        @Override
        public synchronized boolean updateState(String kid, KeyState expected, KeyState next, Instant at) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).kid().equals(kid) && keys.get(i).state() == expected) {
                    keys.set(i, keys.get(i).withState(next, at));
                    return true;
                }
            }
            return false;
        }

        @Override
        public synchronized boolean delete(String kid) {
            return keys.removeIf(k -> k.kid().equals(kid));
        }
    }
}
