package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.testing.CountingRandom;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private static final Argon2Parameters CHEAP = new Argon2Parameters(256, 1, 1);
    private static final Argon2Parameters OWASP_19_MIB = Argon2Parameters.DEFAULT;
    private static final Argon2Parameters OWASP_9_MIB = new Argon2Parameters(9_216, 4, 1);
    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(CHEAP, new CountingRandom(1));

    /**
     * Produced by the reference implementation (the {@code argon2} command of the PHC winner's C code,
     * Debian's 0~20190702): {@code echo -n "correct horse battery staple" | argon2 gatehousesalt123 -id
     * -k 19456 -t 2 -p 1 -l 32 -e}.
     */
    private static final PasswordHash REFERENCE_19_MIB = new PasswordHash(
            "$argon2id$v=19$m=19456,t=2,p=1$Z2F0ZWhvdXNlc2FsdDEyMw$OvaDNQIpHIZ75yJHWag9pKIR0EpXzICTZY2cZbmVD7c");
    /** The same with {@code -k 9216 -t 4}, OWASP's lower-memory setting. */
    private static final PasswordHash REFERENCE_9_MIB = new PasswordHash(
            "$argon2id$v=19$m=9216,t=4,p=1$Z2F0ZWhvdXNlc2FsdDEyMw$+u4t8L2p/AT/KkPYn4/cVabSmuA7JSoA/MGO4UvOZGU");

    @Test
    void verifiesHashesMadeByTheReferenceImplementationAtTwoOwaspSettings() {
        assertVerifiesOnlyTheRightPassword(OWASP_19_MIB, REFERENCE_19_MIB);
        assertVerifiesOnlyTheRightPassword(OWASP_9_MIB, REFERENCE_9_MIB);
    }

    private static void assertVerifiesOnlyTheRightPassword(Argon2Parameters parameters, PasswordHash reference) {
        var hasher = new Argon2idPasswordHasher(parameters, new CountingRandom(1));

        assertThat(hasher.verify(new Password("correct horse battery staple"), reference))
                .as(reference.phcString())
                .isTrue();
        assertThat(hasher.verify(new Password("correct horse battery stapler"), reference))
                .as(reference.phcString())
                .isFalse();
        assertThat(hasher.needsRehash(reference)).as(reference.phcString()).isFalse();
    }

    /**
     * An operator who moves between OWASP settings (19 MiB and 2 passes, 9 MiB and 4) has each password
     * re-hashed at its owner's next login: each setting asks more of one than the other.
     */
    @Test
    void hashesMoveBetweenOwaspSettingsEitherWay() {
        assertThat(new Argon2idPasswordHasher(OWASP_9_MIB, new CountingRandom(1)).needsRehash(REFERENCE_19_MIB))
                .isTrue();
        assertThat(new Argon2idPasswordHasher(OWASP_19_MIB, new CountingRandom(1)).needsRehash(REFERENCE_9_MIB))
                .isTrue();
    }

    /** The block pool hands one hash's wiped memory to the next, on any thread: results stay exact. */
    @Test
    void reusedMemoryGivesTheSameHashesOnAnyThread() throws Exception {
        var reference = REFERENCE_19_MIB;
        var pooled = new Argon2idPasswordHasher(OWASP_19_MIB, new CountingRandom(1), 2);
        var right = new Password("correct horse battery staple");
        var wrong = new Password("correct horse battery stapler");

        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(3)) { // one more than the pools kept
            var checks = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 6; i++) {
                Password password = i % 2 == 0 ? right : wrong;
                checks.add(threads.submit(() -> pooled.verify(password, reference)));
            }
            for (int i = 0; i < checks.size(); i++) {
                assertThat(checks.get(i).get()).as("check %d", i).isEqualTo(i % 2 == 0);
            }
        }
    }

    /**
     * Memory a hash used is kept for the next one, and given back once no hash has used it for the
     * time asked: a burst of logins holds its memory while it lasts, not for the process's life.
     */
    @Test
    void keepsMemoryBetweenHashesAndGivesBackWhatStaysIdle() {
        var clock = new java.util.concurrent.atomic.AtomicLong();
        var keeping = new Argon2idPasswordHasher(CHEAP, new CountingRandom(1), 2, clock::get);
        PasswordHash first = keeping.hash(new Password("a long enough password"));
        assertThat(keeping.keptMemories()).isEqualTo(1);

        clock.addAndGet(java.time.Duration.ofSeconds(9).toNanos());
        keeping.releaseIdleMemory(java.time.Duration.ofSeconds(10));
        assertThat(keeping.keptMemories()).as("idle 9 s of 10").isEqualTo(1);

        clock.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
        keeping.releaseIdleMemory(java.time.Duration.ofSeconds(10));
        assertThat(keeping.keptMemories()).as("idle 10 s of 10").isZero();
        assertThat(keeping.nativeMemoryBytes()).isZero();

        // Memory given back is allocated again at the next hash, and the results stay exact.
        assertThat(keeping.verify(new Password("a long enough password"), first))
                .isTrue();
        assertThat(keeping.keptMemories()).isEqualTo(1);
    }

    /** A hash stored at a larger cost than the memory kept gets memory of its size, then keeps that. */
    @Test
    void makesRoomForAHashStoredAtALargerCost() {
        var small = new Argon2idPasswordHasher(new Argon2Parameters(64, 1, 1), new CountingRandom(1), 1);
        small.hash(new Password("a long enough password"));

        assertThat(small.verify(new Password("correct horse battery staple"), REFERENCE_9_MIB))
                .isTrue();
        assertThat(small.keptMemories()).isEqualTo(1);
        assertThat(small.verify(new Password("correct horse battery stapler"), REFERENCE_9_MIB))
                .isFalse();
    }

    @Test
    void writesThePhcStringWithItsParameters() {
        PasswordHash hash = hasher.hash(new Password("a long enough password"));

        assertThat(hash.phcString()).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
        assertThat(hasher.verify(new Password("a long enough password"), hash)).isTrue();
        assertThat(hasher.verify(new Password("a long enough passwore"), hash)).isFalse();
    }

    @Test
    void saltsEveryHashDifferently() {
        var password = new Password("the same password twice");

        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }

    @Test
    void asksForARehashOnlyWhenTheStoredParametersAreWeaker() {
        PasswordHash cheap = hasher.hash(new Password("some password here"));
        var stronger = new Argon2idPasswordHasher(new Argon2Parameters(512, 2, 1), new CountingRandom(2));

        assertThat(stronger.needsRehash(cheap)).isTrue();
        assertThat(hasher.needsRehash(stronger.hash(new Password("some password here"))))
                .isFalse();
    }

    @Test
    void makesUnmatchableHashesAtTheCurrentCostThatNoPasswordMatches() {
        PasswordHash first = hasher.unmatchable();
        PasswordHash second = hasher.unmatchable();

        assertThat(first.phcString())
                .matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        // Checked at the configured cost, so an unknown account's check costs a real one's.
        assertThat(hasher.needsRehash(first)).isFalse();
        assertThat(hasher.verify(new Password(""), first)).isFalse();
        assertThat(hasher.verify(new Password("some password here"), first)).isFalse();
    }

    @Test
    void rejectsAMalformedStoredHashWithoutThrowing() {
        var garbage = new PasswordHash("$argon2id$v=19$m=x,t=1,p=1$AAAA$BBBB");

        assertThat(hasher.verify(new Password("whatever it is"), garbage)).isFalse();
        assertThat(hasher.needsRehash(garbage)).isTrue();
    }

    @Test
    void neverPrintsThePasswordOrTheHash() {
        assertThat(new Password("hunter2hunter2")).hasToString("Password[redacted]");
        assertThat(hasher.hash(new Password("hunter2hunter2")).toString()).doesNotContain("argon2");
    }
}
