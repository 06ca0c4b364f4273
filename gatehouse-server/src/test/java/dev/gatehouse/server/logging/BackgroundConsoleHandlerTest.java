package dev.gatehouse.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackgroundConsoleHandlerTest {
    private PrintStream original;

    @BeforeEach
    void keepStandardError() {
        original = System.err;
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(original);
    }

    @Test
    void everyLineFromManyThreadsIsWrittenOnceAndEachThreadsInItsOrder() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BackgroundConsoleHandler handler = new BackgroundConsoleHandler(16);
        handler.setFormatter(plain());
        List<Thread> threads = IntStream.range(0, 4)
                .mapToObj(t -> Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        handler.publish(new LogRecord(Level.INFO, t + ":" + i));
                    }
                }))
                .toList();
        for (Thread thread : threads) {
            thread.join();
        }
        handler.flush();

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2_000).doesNotHaveDuplicates();
        for (int t = 0; t < 4; t++) {
            String prefix = t + ":";
            assertThat(lines.stream().filter(line -> line.startsWith(prefix)).toList())
                    .as("thread %d's lines in the order it logged them", t)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 500).mapToObj(i -> prefix + i).toList());
        }
        handler.close();
    }

    @Test
    void aWriterThatFallsBehindMakesLoggersWaitInsteadOfDroppingLines() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        writing.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        captured.write(b);
                    }
                },
                false,
                StandardCharsets.UTF_8));
        BackgroundConsoleHandler handler = new BackgroundConsoleHandler(1);
        handler.setFormatter(plain());

        handler.publish(new LogRecord(Level.INFO, "first"));
        writing.await(); // the writer holds "first" and is stuck writing it
        handler.publish(new LogRecord(Level.INFO, "second")); // fills the queue of one
        Thread third = Thread.ofPlatform().start(() -> handler.publish(new LogRecord(Level.INFO, "third")));
        Await.until(
                "the third logger waits for room",
                Duration.ofSeconds(10),
                () -> third.getState() == Thread.State.WAITING);
        assertThat(third.isAlive()).as("the third logger waits for room").isTrue();

        release.countDown();
        third.join(10_000);
        handler.close();
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).containsExactly("first", "second", "third");
    }

    @Test
    void closingWritesWhatIsQueuedAndIgnoresLaterLines() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BackgroundConsoleHandler handler = new BackgroundConsoleHandler();
        handler.setFormatter(plain());
        for (int i = 0; i < 100; i++) {
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "after close"));

        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .hasSize(100)
                .startsWith("line 0")
                .endsWith("line 99");
    }

    @Test
    void aRecordBelowTheLevelIsNotWritten() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BackgroundConsoleHandler handler = new BackgroundConsoleHandler();
        handler.setFormatter(plain());
        handler.setLevel(Level.WARNING);
        handler.publish(new LogRecord(Level.INFO, "quiet"));
        handler.publish(new LogRecord(Level.WARNING, "loud"));
        handler.close();
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).containsExactly("loud");
    }

    private static Formatter plain() {
        return new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + "\n";
            }
        };
    }
}
