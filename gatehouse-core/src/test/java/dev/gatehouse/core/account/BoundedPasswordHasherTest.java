package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {
    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA");

    /** A hasher that holds every call until released, so the test decides when a slot frees up. */
    private static final class HeldHasher implements PasswordHasher {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public PasswordHash hash(Password password) {
            await();
            return HASH;
        }

        @Override
        public boolean verify(Password password, PasswordHash hash) {
            await();
            return true;
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return false;
        }

        @Override
        public PasswordHash unmatchable() {
            return HASH;
        }

        private void await() {
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void refusesAtOnceWhenEverySlotAndPlaceInTheQueueIsTakenAndServesTheRest() throws Exception {
        HeldHasher held = new HeldHasher();
        BoundedPasswordHasher bounded = new BoundedPasswordHasher(held, 1, 1);
        Thread running = Thread.ofVirtual().start(() -> bounded.verify(new Password("a"), HASH));
        Thread queued = Thread.ofVirtual().start(() -> bounded.hash(new Password("b")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The first caller takes the slot a moment before it is counted as admitted: wait for both.
        while ((bounded.waiting() < 1 || bounded.admitted() < 1) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(bounded.waiting()).isEqualTo(1);

        assertThatThrownBy(() -> bounded.verify(new Password("c"), HASH)).isInstanceOf(HashingBusyException.class);

        held.release.countDown();
        running.join(10_000);
        queued.join(10_000);
        assertThat(running.isAlive() || queued.isAlive()).isFalse();
        assertThat(bounded.waiting()).isZero();
        assertThat(bounded.verify(new Password("d"), HASH)).isTrue();
    }

    @Test
    void countsWhatRunsWaitsAndIsRefusedAndHowLongTheQueueHeldCallers() throws Exception {
        HeldHasher held = new HeldHasher();
        // Each reading of the clock is 3 ms after the previous one: a queued caller reads it twice.
        AtomicLong nanos = new AtomicLong();
        BoundedPasswordHasher bounded =
                new BoundedPasswordHasher(held, 1, 1, () -> nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(3)));
        Thread running = Thread.ofVirtual().start(() -> bounded.verify(new Password("a"), HASH));
        Thread queued = Thread.ofVirtual().start(() -> bounded.hash(new Password("b")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The first caller takes the slot a moment before it is counted as admitted: wait for both.
        while ((bounded.waiting() < 1 || bounded.admitted() < 1) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(bounded.running()).isEqualTo(1);
        assertThat(bounded.admitted()).isEqualTo(1);
        assertThatThrownBy(() -> bounded.verify(new Password("c"), HASH)).isInstanceOf(HashingBusyException.class);
        assertThat(bounded.refused()).isEqualTo(1);

        held.release.countDown();
        running.join(10_000);
        queued.join(10_000);

        assertThat(bounded.running()).isZero();
        assertThat(bounded.admitted()).isEqualTo(2);
        assertThat(bounded.waitedNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        bounded.verify(new Password("d"), HASH);
        assertThat(bounded.admitted()).isEqualTo(3);
        assertThat(bounded.waitedNanos())
                .as("a caller that found a free slot waited for nothing")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new BoundedPasswordHasher(new HeldHasher(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A hash computing on a request's virtual thread would hold its carrier, and with it a core, throughout. */
    @Test
    void hashesOnPlatformThreadsWhoeverCalls() throws Exception {
        java.util.List<Boolean> ranVirtual = new java.util.concurrent.CopyOnWriteArrayList<>();
        PasswordHasher recording = new PasswordHasher() {
            @Override
            public PasswordHash hash(Password password) {
                ranVirtual.add(Thread.currentThread().isVirtual());
                return HASH;
            }

            @Override
            public boolean verify(Password password, PasswordHash hash) {
                ranVirtual.add(Thread.currentThread().isVirtual());
                return true;
            }

            @Override
            public boolean needsRehash(PasswordHash hash) {
                return false;
            }

            @Override
            public PasswordHash unmatchable() {
                return HASH;
            }
        };
        var bounded = new BoundedPasswordHasher(recording, 2, 4);

        Thread caller = Thread.ofVirtual().start(() -> {
            bounded.hash(new Password("a long enough password"));
            assertThat(bounded.verify(new Password("a long enough password"), HASH))
                    .isTrue();
        });
        caller.join();

        assertThat(ranVirtual).containsExactly(false, false);
    }
}
