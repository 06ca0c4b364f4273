package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        while (bounded.waiting() < 1 && System.nanoTime() < deadline) {
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
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new BoundedPasswordHasher(new HeldHasher(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
