package dev.gatehouse.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemorySigningKeyStore;
import dev.gatehouse.core.testing.TestClock;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyServiceTest {
    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    private final TestClock clock = TestClock.startingAt("2026-01-01T00:00:00Z");
    private final CountingRandom random = new CountingRandom(9);

    private KeyService service(byte[] kek) {
        return service(kek, SigningAlgorithm.ES256);
    }

    private KeyService service(byte[] kek, SigningAlgorithm algorithm) {
        return new KeyService(
                store,
                new KeyEncryption(kek, random),
                algorithm,
                Duration.ofMinutes(6),
                clock,
                random,
                AuditTrail.discarding(clock));
    }

    @Test
    void generatesAnActiveAndANextKeyOfEachAlgorithmOnFirstStartOnly() {
        KeyService keys = service(new byte[32]);

        KeyRing ring = keys.ensureKeys();
        keys.ensureKeys();

        assertThat(store.list())
                .extracting(key -> key.algorithm() + " " + key.state())
                .containsExactlyInAnyOrder("ES256 ACTIVE", "ES256 NEXT", "RS256 ACTIVE", "RS256 NEXT");
        assertThat(ring.publishedKeys()).hasSize(4);
        assertThat(ring.activeKey().isPrivate()).isTrue();
        assertThat(ring.activeAlgorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(ring.activeKey(SigningAlgorithm.RS256).isPrivate()).isTrue();
    }

    /** OpenID Connect Core 1.0 section 15.1: RS256 for ID tokens, whatever signs the access tokens. */
    @Test
    void publishesTheIdTokenKeysNextToTheAccessTokenKeysWithDistinctIdsAlgorithmsAndUse() {
        String jwks = service(new byte[32]).ensureKeys().publicJwkSet().toString();

        assertThat(jwks).contains("\"alg\":\"ES256\"", "\"alg\":\"RS256\"", "\"kty\":\"RSA\"");
        assertThat(store.list()).extracting(SigningKey::kid).doesNotHaveDuplicates();
        assertThat(jwks.split("\"use\":\"sig\"", -1)).hasSize(5);
    }

    /** RS256 for ID tokens, ES256 for clients that ask for it: with EdDSA access tokens, three sets. */
    @Test
    void keepsKeysForEveryAlgorithmATokenMayNeedAndNoMore() {
        service(new byte[32], SigningAlgorithm.EdDSA).ensureKeys();

        assertThat(store.list())
                .extracting(key -> key.algorithm() + " " + key.state())
                .containsExactlyInAnyOrder(
                        "EdDSA ACTIVE", "EdDSA NEXT", "RS256 ACTIVE", "RS256 NEXT", "ES256 ACTIVE", "ES256 NEXT");
    }

    /** Changing GATEHOUSE_SIGNING_ALG: the old keys retire at the next start and stay published a while. */
    @Test
    void retiresTheKeysOfAnAlgorithmNoLongerConfigured() {
        String oldActive = service(new byte[32], SigningAlgorithm.EdDSA)
                .ensureKeys()
                .activeKey()
                .getKeyID();

        KeyRing ring = service(new byte[32], SigningAlgorithm.ES256).ensureKeys();

        assertThat(ring.activeAlgorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(ring.find(oldActive).orElseThrow().state()).isEqualTo(KeyState.RETIRED);
        assertThat(store.list())
                .filteredOn(key -> key.algorithm() == SigningAlgorithm.EdDSA)
                .extracting(SigningKey::state)
                .containsOnly(KeyState.RETIRED);
    }

    @Test
    void rotatesTheIdTokenKeysWithTheAccessTokenKeys() {
        KeyService keys = service(new byte[32]);
        String idTokenKey = keys.ensureKeys().activeKey(SigningAlgorithm.RS256).getKeyID();

        keys.rotate(Actor.SYSTEM);

        KeyRing ring = keys.ring();
        assertThat(ring.activeKey(SigningAlgorithm.RS256).getKeyID()).isNotEqualTo(idTokenKey);
        assertThat(ring.find(idTokenKey).orElseThrow().state()).isEqualTo(KeyState.RETIRED);
    }

    /** A key's instance carries the signatures it remembers as valid: a periodic reload keeps it. */
    @Test
    void aReloadKeepsTheInstanceOfAKeyThatDidNotChange() {
        KeyService keys = service(new byte[32]);
        KeyRing first = keys.ensureKeys();
        String activeKid = first.activeKey().getKeyID();

        clock.advance(KeyService.RELOAD_INTERVAL.plusSeconds(1));
        KeyRing reloaded = keys.ring();

        assertThat(reloaded).isNotSameAs(first);
        assertThat(reloaded.find(activeKid).orElseThrow().verificationKey())
                .isSameAs(first.find(activeKid).orElseThrow().verificationKey());
    }

    @Test
    void storesPrivateKeysOnlyEncrypted() {
        service(new byte[32]).ensureKeys();

        for (SigningKey key : store.list()) {
            assertThat(key.publicJwk()).doesNotContain("\"d\"");
            // Quoted: a plaintext JWK has "kty" in quotes, which no base64 ciphertext can; the bare
            // three letters turned up by chance in about one ciphertext in a hundred.
            assertThat(key.sealedPrivateJwk()).doesNotContain("\"d\"").doesNotContain("\"kty\"");
        }
    }

    @Test
    void publishesNoPrivateMember() {
        String jwks = service(new byte[32]).ensureKeys().publicJwkSet().toString();

        assertThat(jwks).doesNotContain("\"d\"").contains("\"kty\":\"EC\"").contains("\"use\":\"sig\"");
    }

    @Test
    void rotatesNextToActiveAndActiveToRetiredWhichStaysPublishedForAWhile() {
        KeyService keys = service(new byte[32]);
        String firstActive = keys.ensureKeys().activeKey().getKeyID();

        RotationOutcome rotation = keys.rotate(Actor.SYSTEM);

        assertThat(rotation.retired()).isEqualTo(firstActive);
        KeyRing ring = keys.ring();
        assertThat(ring.activeKey().getKeyID()).isEqualTo(rotation.activated());
        assertThat(ring.find(firstActive))
                .get()
                .extracting(KeyRing.PublishedKey::state)
                .isEqualTo(KeyState.RETIRED);
        assertThat(ring.find(rotation.next())).isPresent();

        clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        assertThat(keys.purgeRetired()).isEqualTo(2);
        assertThat(keys.ring().find(firstActive)).isEmpty();
    }

    @Test
    void publishesEd25519KeysAsOkpWithoutThePrivatePart() {
        var keys = new KeyService(
                store,
                new KeyEncryption(new byte[32], random),
                SigningAlgorithm.EdDSA,
                Duration.ofMinutes(6),
                clock,
                random,
                AuditTrail.discarding(clock));

        String jwks = keys.ensureKeys().publicJwkSet().toString();

        assertThat(jwks)
                .contains("\"kty\":\"OKP\"")
                .contains("\"crv\":\"Ed25519\"")
                .contains("\"alg\":\"EdDSA\"")
                .doesNotContain("\"d\"");
    }

    @Test
    void refusesToStartWithAnotherMasterKey() {
        service(new byte[32]).ensureKeys();
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> service(other).ensureKeys())
                .isInstanceOf(WrongMasterKeyException.class)
                .hasMessageContaining("GATEHOUSE_MASTER_KEY");
    }

    @Test
    void saysWhenTheActiveKeyIsDueForRotation() {
        KeyService keys = service(new byte[32]);
        keys.ensureKeys();

        assertThat(keys.activeKeyOlderThan(Duration.ofDays(30))).isFalse();
        clock.advance(Duration.ofDays(31));
        assertThat(keys.activeKeyOlderThan(Duration.ofDays(30))).isTrue();
    }
}
