package dev.gatehouse.core.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.testing.InMemoryRevocationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationFollowerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryRevocationStore shared = new InMemoryRevocationStore();
    private final List<String> handed = new ArrayList<>();
    private final RevocationFollower follower = new RevocationFollower(shared, entry -> handed.add(entry.id()));

    @Test
    void handsOverEveryEntryStillKeptOnceInOrder() {
        shared.append(RevokedKind.SESSION, "s1", T0, T0.plusSeconds(60));
        shared.append(RevokedKind.TOKEN, "j1", T0, T0.plusSeconds(60));

        assertThat(follower.catchUp()).isEqualTo(2);
        shared.append(RevokedKind.SESSION, "s2", T0, T0.plusSeconds(60));
        assertThat(follower.catchUp()).isEqualTo(1);
        assertThat(follower.catchUp()).isZero();

        assertThat(handed).containsExactly("s1", "j1", "s2");
    }

    @Test
    void readsPastAFullPage() {
        for (int i = 0; i < RevocationFeed.MAX_PAGE + 5; i++) {
            shared.append(RevokedKind.TOKEN, "j" + i, T0, T0.plusSeconds(60));
        }

        assertThat(follower.catchUp()).isEqualTo(RevocationFeed.MAX_PAGE + 5);
        assertThat(handed).hasSize(RevocationFeed.MAX_PAGE + 5).endsWith("j" + (RevocationFeed.MAX_PAGE + 4));
    }
}
