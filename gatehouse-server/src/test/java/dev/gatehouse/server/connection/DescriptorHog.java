package dev.gatehouse.server.connection;

import dev.gatehouse.server.Main;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code gatehouse} executable with a hand on its file descriptors, for tests run as a child
 * process: the line {@code take} on standard input opens {@code /dev/null} until the process may open
 * nothing more, and keeps taking every descriptor that comes free (as a leak elsewhere in the process
 * would); {@code give} closes them all again.
 */
public final class DescriptorHog {
    private static final List<FileInputStream> HELD = new ArrayList<>();

    private DescriptorHog() {}

    public static void main(String[] args) {
        Thread.ofPlatform().daemon().name("descriptor-hog").start(DescriptorHog::obey);
        Main.main(args);
    }

    private static void obey() {
        ScheduledExecutorService taker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory());
        ScheduledFuture<?> taking = null;
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("take") && taking == null) {
                    take();
                    System.out.println("hog: took " + held() + " descriptors");
                    taking = taker.scheduleWithFixedDelay(DescriptorHog::take, 5, 5, TimeUnit.MILLISECONDS);
                } else if (command.equals("give") && taking != null) {
                    taking.cancel(false);
                    taking = null;
                    System.out.println("hog: gave back " + give() + " descriptors");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void take() {
        for (int i = 0; i < 100_000; i++) {
            try {
                HELD.add(new FileInputStream("/dev/null"));
            } catch (IOException e) {
                return; // Too many open files: the process has none left
            }
        }
    }

    private static synchronized int held() {
        return HELD.size();
    }

    private static synchronized int give() throws IOException {
        int count = HELD.size();
        for (FileInputStream file : HELD) {
            file.close();
        }
        HELD.clear();
        return count;
    }
}
