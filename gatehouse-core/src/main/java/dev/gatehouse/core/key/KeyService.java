package dev.gatehouse.core.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatehouse.core.GatehouseException;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.jwt.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signing keys: generated on first start, encrypted at rest, rotated next → active → retired, and
 * held decrypted in a {@link KeyRing} that is rebuilt only when keys change (or every
 * {@link #RELOAD_INTERVAL}, so a rotation on another node is seen).
 *
 * <p>Each algorithm in use has its own active and next key, rotated together: the configured one
 * (access tokens), {@link #ID_TOKEN_ALGORITHM} (ID and logout tokens) and ES256 (for clients that ask
 * for ES256 ID tokens); two of them are one and the same unless the configured algorithm is EdDSA.
 */
public final class KeyService {
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(30);

    /**
     * What ID tokens are signed with: RS256, the one algorithm every relying party must accept (OpenID
     * Connect Core 1.0 section 15.1), and the only one Spring Security's ID token decoder accepts unless
     * told otherwise.
     */
    public static final SigningAlgorithm ID_TOKEN_ALGORITHM = SigningAlgorithm.RS256;

    private final SigningKeyStore store;
    private final KeyEncryption encryption;
    private final SigningAlgorithm algorithm;
    private final Set<SigningAlgorithm> algorithms;
    private final Duration retiredKeyLifetime;
    private final Clock clock;
    private final RandomSource random;
    private final AuditTrail audit;
    private final AtomicReference<LoadedRing> ring = new AtomicReference<>();

    private record LoadedRing(KeyRing ring, Instant loadedAt) {}

    /**
     * @param retiredKeyLifetime how long a retired key stays published: at least the access-token
     *     lifetime plus the allowed clock skew, so every token it signed can still be checked
     */
    public KeyService(
            SigningKeyStore store,
            KeyEncryption encryption,
            SigningAlgorithm algorithm,
            Duration retiredKeyLifetime,
            Clock clock,
            RandomSource random,
            AuditTrail audit) {
        this.store = store;
        this.encryption = encryption;
        this.algorithm = algorithm;
        // ES256 too: the ID token algorithm a client may choose instead (id_token_signed_response_alg).
        this.algorithms = Collections.unmodifiableSet(
                new LinkedHashSet<>(List.of(algorithm, ID_TOKEN_ALGORITHM, SigningAlgorithm.ES256)));
        this.retiredKeyLifetime = retiredKeyLifetime;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
    }

    /**
     * Makes sure each algorithm in use has an active and a next key, generating what is missing, retires
     * the keys of an algorithm no longer in use (they stay published until their tokens expire), and
     * opens every stored private key, failing with {@link WrongMasterKeyException} when this node's master
     * key cannot.
     */
    public synchronized KeyRing ensureKeys() {
        List<SigningKey> keys = store.list();
        keys.forEach(key -> encryption.decrypt(key.sealedPrivateJwk(), key.kid()));
        Instant now = now();
        for (SigningKey key : keys) {
            if (!algorithms.contains(key.algorithm()) && key.state() != KeyState.RETIRED) {
                store.updateState(key.kid(), key.state(), KeyState.RETIRED, now);
            }
        }
        for (SigningAlgorithm lane : algorithms) {
            if (find(keys, lane, KeyState.ACTIVE).isEmpty()) {
                store.insert(generate(lane, KeyState.ACTIVE));
            }
            if (find(keys, lane, KeyState.NEXT).isEmpty()) {
                store.insert(generate(lane, KeyState.NEXT));
            }
        }
        return reload();
    }

    /** The algorithms this service keeps keys for: the configured one first, then RS256 and ES256. */
    public Set<SigningAlgorithm> algorithms() {
        return algorithms;
    }

    /** The current ring, reloaded from the store when it is older than the reload interval. */
    public KeyRing ring() {
        LoadedRing loaded = ring.get();
        if (loaded == null
                || Duration.between(loaded.loadedAt(), clock.instant()).compareTo(RELOAD_INTERVAL) > 0) {
            return reload();
        }
        return loaded.ring();
    }

    /**
     * For each algorithm in use, next becomes active, active retires, a new next is generated; the
     * rotation is audited once with {@code actor} (an admin, the CLI, or the scheduler). Returns what
     * happened to the access-token keys.
     */
    public synchronized RotationOutcome rotate(Actor actor) {
        Map<SigningAlgorithm, RotationOutcome> outcomes = new EnumMap<>(SigningAlgorithm.class);
        for (SigningAlgorithm lane : algorithms) {
            outcomes.put(lane, rotate(lane));
        }
        reload();
        RotationOutcome accessTokenKeys = outcomes.get(algorithm);
        Map<String, String> details =
                new HashMap<>(Map.of("activated", accessTokenKeys.activated(), "retired", accessTokenKeys.retired()));
        if (algorithm != ID_TOKEN_ALGORITHM) {
            RotationOutcome idTokenKeys = outcomes.get(ID_TOKEN_ALGORITHM);
            details.put("id_token_activated", idTokenKeys.activated());
            details.put("id_token_retired", idTokenKeys.retired());
        }
        audit.record(AuditType.KEY_ROTATED, Optional.empty(), actor, details);
        return accessTokenKeys;
    }

    private RotationOutcome rotate(SigningAlgorithm lane) {
        Instant now = now();
        List<SigningKey> keys = store.list();
        SigningKey active = find(keys, lane, KeyState.ACTIVE)
                .orElseThrow(() -> new GatehouseException("no active " + lane + " key"));
        SigningKey next = find(keys, lane, KeyState.NEXT).orElseGet(() -> {
            SigningKey created = generate(lane, KeyState.NEXT);
            store.insert(created);
            return created;
        });
        if (!store.updateState(active.kid(), KeyState.ACTIVE, KeyState.RETIRED, now)
                || !store.updateState(next.kid(), KeyState.NEXT, KeyState.ACTIVE, now)) {
            throw new GatehouseException("keys changed during rotation; try again");
        }
        SigningKey newNext = generate(lane, KeyState.NEXT);
        store.insert(newNext);
        return new RotationOutcome(next.kid(), active.kid(), newNext.kid());
    }

    /** True when an active key is older than {@code interval} (or missing): time for a scheduled rotation. */
    public boolean activeKeyOlderThan(Duration interval) {
        List<SigningKey> keys = store.list();
        return algorithms.stream()
                .anyMatch(lane -> find(keys, lane, KeyState.ACTIVE)
                        .map(k -> Duration.between(k.stateChangedAt(), clock.instant())
                                        .compareTo(interval)
                                > 0)
                        .orElse(true));
    }

    /** Deletes retired keys no token can still need; returns how many. */
    public synchronized int purgeRetired() {
        Instant cutoff = clock.instant().minus(retiredKeyLifetime);
        int purged = 0;
        for (SigningKey key : store.list()) {
            if (key.state() == KeyState.RETIRED && key.stateChangedAt().isBefore(cutoff) && store.delete(key.kid())) {
                purged++;
            }
        }
        if (purged > 0) {
            reload();
        }
        return purged;
    }

    public List<SigningKey> list() {
        return store.list();
    }

    private synchronized KeyRing reload() {
        List<SigningKey> keys = store.list();
        Map<SigningAlgorithm, JWK> activeKeys = new EnumMap<>(SigningAlgorithm.class);
        for (SigningAlgorithm lane : algorithms) {
            SigningKey active = find(keys, lane, KeyState.ACTIVE)
                    .orElseThrow(
                            () -> new GatehouseException("no active " + lane + " signing key: run ensureKeys() first"));
            activeKeys.put(
                    lane,
                    parse(new String(
                            encryption.decrypt(active.sealedPrivateJwk(), active.kid()), StandardCharsets.UTF_8)));
        }
        Instant publishedSince = clock.instant().minus(retiredKeyLifetime);
        Map<String, KeyRing.PublishedKey> published = new HashMap<>();
        LoadedRing previous = ring.get();
        for (SigningKey key : keys) {
            if (key.state() != KeyState.RETIRED || !key.stateChangedAt().isBefore(publishedSince)) {
                VerificationKey fresh = VerificationKey.of(parse(key.publicJwk()), key.algorithm());
                // The same key as before keeps its instance, and so the signatures it remembers as valid.
                VerificationKey kept = previous == null
                        ? fresh
                        : previous.ring()
                                .find(key.kid())
                                .map(KeyRing.PublishedKey::verificationKey)
                                .filter(fresh::equals)
                                .orElse(fresh);
                published.put(key.kid(), new KeyRing.PublishedKey(kept, key.state()));
            }
        }
        KeyRing built = new KeyRing(activeKeys, algorithm, published);
        ring.set(new LoadedRing(built, clock.instant()));
        return built;
    }

    private SigningKey generate(SigningAlgorithm lane, KeyState state) {
        String kid = HexFormat.of().formatHex(random.nextBytes(12));
        JWK jwk = switch (lane) {
            case ES256 -> generate(new ECKeyGenerator(Curve.P_256), kid, JWSAlgorithm.ES256);
            case RS256 -> generate(new RSAKeyGenerator(2048), kid, JWSAlgorithm.RS256);
            case EdDSA -> Ed25519Keys.generate(kid, random);
        };
        Instant now = now();
        return new SigningKey(
                kid,
                lane,
                state,
                jwk.toPublicJWK().toJSONString(),
                encryption.encrypt(jwk.toJSONString().getBytes(StandardCharsets.UTF_8), kid),
                now,
                now);
    }

    private static JWK generate(
            com.nimbusds.jose.jwk.gen.JWKGenerator<? extends JWK> generator, String kid, JWSAlgorithm alg) {
        try {
            return generator.keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(alg).generate();
        } catch (JOSEException e) {
            throw new GatehouseException("key generation failed", e);
        }
    }

    private static Optional<SigningKey> find(List<SigningKey> keys, SigningAlgorithm lane, KeyState state) {
        return keys.stream()
                .filter(k -> k.algorithm() == lane && k.state() == state)
                .reduce((first, second) -> second);
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new GatehouseException("stored key is not a JWK", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
