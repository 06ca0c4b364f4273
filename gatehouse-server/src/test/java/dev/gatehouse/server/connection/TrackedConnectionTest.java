package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The slow-client rules on a clock the test moves: no sockets, no waiting. */
class TrackedConnectionTest {
    private static final Duration READ = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(60);

    private long now = 1_000_000_000L;
    private final AtomicInteger closes = new AtomicInteger();
    private final TrackedConnection connection =
            new TrackedConnection("192.0.2.1", true, closes::incrementAndGet, () -> now);

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() {
        connection.readStarting();
        advance(IDLE);

        assertThat(connection.phase()).isEqualTo(TrackedConnection.Phase.WAITING);
        assertThat(connection.overdue(READ, IDLE)).isEmpty();
        assertThat(connection.awaitsRequest()).isTrue();

        advance(Duration.ofMillis(1));

        assertThat(connection.overdue(READ, IDLE))
                .hasValueSatisfying(reason -> assertThat(reason).contains("sent nothing", "60001 ms"));
    }

    /**
     * Helidon 4.5 answers first and then reads what is left of a body the answer did not need; its idle
     * timeout interrupts only a thread waiting for a request line, so the guard's must close this one.
     */
    @Test
    void aBodyLeftUnreadByTheAnswerIsAwaitedNoLongerThanTheIdleTimeout() {
        startBody();
        connection.responseStarted();
        connection.readStarting(); // Helidon discarding the rest of the body
        advance(IDLE.plusMillis(1));

        assertThat(connection.overdue(READ, IDLE)).isPresent();
    }

    @Test
    void bytesBeyondTwiceTheLargestBodyEarnNoMoreWaiting() {
        startBody();
        connection.readStarting();
        connection.readFinished(100 * 1024 * 1024); // a chunk line of leading zeros, sent at once
        connection.readStarting();
        long credited = TrackedConnection.MAX_CREDITED_BODY_BYTES;
        Duration allowed = READ.plusMillis(credited * 1_000 / TrackedConnection.MIN_BODY_BYTES_PER_SECOND);
        advance(allowed);
        assertThat(connection.overdue(READ, IDLE)).isEmpty();

        advance(Duration.ofMillis(1));

        assertThat(connection.overdue(READ, IDLE))
                .as("about 272 s, not the 58 hours 100 MiB would buy")
                .isPresent();
    }

    @Test
    void aHeaderMustBeCompleteWithinTheReadTimeoutOfItsFirstByteHoweverItTrickles() {
        connection.readStarting();
        advance(Duration.ofSeconds(30));
        for (int second = 0; second < 10; second++) {
            connection.readFinished(1);
            connection.readStarting();
            advance(Duration.ofSeconds(1));
        }
        assertThat(connection.overdue(READ, IDLE)).isEmpty();

        advance(Duration.ofMillis(1));

        assertThat(connection.overdue(READ, IDLE))
                .hasValueSatisfying(reason -> assertThat(reason).contains("request header", "10001 ms", "10000 ms"));
    }

    @Test
    void aBodyMayTakeTheReadTimeoutAndThenASecondPer500Bytes() {
        startBody();
        connection.readStarting();
        advance(Duration.ofSeconds(9));
        connection.readFinished(1_000);
        connection.readStarting();
        advance(Duration.ofSeconds(3));
        assertThat(connection.overdue(READ, IDLE)).as("12 s for 1,000 bytes").isEmpty();

        advance(Duration.ofMillis(1_001));

        assertThat(connection.overdue(READ, IDLE))
                .hasValueSatisfying(reason -> assertThat(reason).contains("1000 bytes", "12000 ms"));
    }

    @Test
    void timeTheApplicationSpendsIsNotCountedAgainstTheBody() {
        startBody();
        connection.readStarting();
        advance(Duration.ofSeconds(2));
        connection.readFinished(100);
        advance(Duration.ofMinutes(1)); // hashing a password, waiting for the database

        assertThat(connection.overdue(READ, IDLE)).isEmpty();
        connection.responseStarted();
        assertThat(connection.awaitsRequest()).isFalse();
    }

    /** At a cap, a connection the server waits on for its body may make room; one it works for may not. */
    @Test
    void awaitsItsBodyOnlyWhileTheServerReadsIt() {
        startBody();
        assertThat(connection.awaitsRequest()).isFalse();
        assertThat(connection.awaitsBody()).isFalse();

        connection.readStarting();
        assertThat(connection.awaitsBody()).isTrue();

        connection.readFinished(100);
        assertThat(connection.awaitsBody()).as("the application has the body").isFalse();

        connection.responseStarted();
        connection.readStarting(); // Helidon discarding the rest of a body after the answer
        assertThat(connection.awaitsBody()).isFalse();
    }

    @Test
    void aClientThatTakesNoneOfAnAnswerForTheIdleTimeoutIsOverdue() {
        startBody();
        connection.responseStarted();
        connection.writeStarting();
        advance(IDLE);
        assertThat(connection.overdue(READ, IDLE)).isEmpty();

        advance(Duration.ofMillis(1));

        assertThat(connection.overdue(READ, IDLE))
                .hasValueSatisfying(reason -> assertThat(reason).contains("none of a response"));
    }

    @Test
    void afterAnAnswerTheNextReadWaitsForANewRequestUnlessTheAnswerSaidClose() {
        startBody();
        connection.responseStarted();

        assertThat(connection.readStarting()).isTrue();
        assertThat(connection.phase()).isEqualTo(TrackedConnection.Phase.WAITING);

        connection.readFinished(20);
        connection.headerRead();
        connection.closeAfterResponse();
        connection.responseStarted();
        assertThat(connection.readStarting()).as("Connection: close").isFalse();
    }

    @Test
    void aRequestAlreadyBufferedStartsItsHeaderClockWhenItsLineIsRead() {
        startBody();
        connection.responseStarted();
        advance(Duration.ofSeconds(30));

        connection.requestStarted();
        advance(Duration.ofSeconds(9));

        assertThat(connection.phase()).isEqualTo(TrackedConnection.Phase.HEADER);
        assertThat(connection.overdue(READ, IDLE)).isEmpty();
    }

    @Test
    void closesItsSocketOnce() {
        assertThat(connection.close()).isTrue();
        assertThat(connection.close()).isFalse();
        assertThat(closes).hasValue(1);
    }

    private void startBody() {
        connection.readStarting();
        connection.readFinished(200);
        connection.requestStarted();
        connection.headerRead();
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }
}
