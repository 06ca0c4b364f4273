package dev.gatehouse.core.account;

import dev.gatehouse.core.secret.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (RFC 9106), encoded as a PHC string.
 *
 * <p>The salt is 16 bytes and the hash 32 bytes, the sizes RFC 9106 section 3.1 recommends.
 *
 * <p>Each hash fills {@code memoryKib} KiB (19 MiB at the default). Allocated afresh, a flood of logins
 * would allocate and fault in that much a hash; so a hash's memory is pooled instead, kept for one hash
 * per core (the hashing pool runs no more at once) and wiped before it goes back. Each hash takes a
 * whole memory to itself rather than sharing one.
 *
 * <p>On Java 22 and later the memory is outside the heap ({@link Argon2MemorySource}), and
 * {@link #releaseIdleMemory} gives back what no hash has used for a while: a burst of logins then
 * costs its memory while it lasts, not for the rest of the process's life, and the heap bound need not
 * hold a hash for every core (docs/benchmarks.md, "Password hashing memory outside the heap").
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final byte[] NONE = new byte[0];
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final Argon2Parameters parameters;
    private final RandomSource random;
    private final LongSupplier nanoTime;
    /** Memory no hash is using, with when it was last given back, oldest first. */
    private final BlockingQueue<IdleMemory> idle;

    private final AtomicLong nativeBytesHeld = new AtomicLong();

    public Argon2idPasswordHasher(Argon2Parameters parameters, RandomSource random) {
        this(parameters, random, Runtime.getRuntime().availableProcessors());
    }

    /** A hasher that keeps the memory of {@code concurrentHashes} hashes between hashes. */
    public Argon2idPasswordHasher(Argon2Parameters parameters, RandomSource random, int concurrentHashes) {
        this(parameters, random, concurrentHashes, System::nanoTime);
    }

    /** With {@code nanoTime} to tell idle memory by, so a test decides how long it was idle. */
    Argon2idPasswordHasher(
            Argon2Parameters parameters, RandomSource random, int concurrentHashes, LongSupplier nanoTime) {
        this.parameters = parameters;
        this.random = random;
        this.nanoTime = nanoTime;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, concurrentHashes));
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    @Override
    public PasswordHash hash(Password password) {
        byte[] salt = random.nextBytes(SALT_BYTES);
        return encoded(salt, derive(password, salt, parameters, HASH_BYTES));
    }

    @Override
    public PasswordHash unmatchable() {
        // A password matching it would be a preimage of 256 random bits under Argon2id.
        return encoded(random.nextBytes(SALT_BYTES), random.nextBytes(HASH_BYTES));
    }

    private PasswordHash encoded(byte[] salt, byte[] hash) {
        return new PasswordHash("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
                .formatted(
                        parameters.memoryKib(),
                        parameters.iterations(),
                        parameters.parallelism(),
                        ENCODER.encodeToString(salt),
                        ENCODER.encodeToString(hash)));
    }

    @Override
    public boolean verify(Password password, PasswordHash stored) {
        Optional<Decoded> decoded = decode(stored);
        if (decoded.isEmpty()) {
            return false;
        }
        Decoded d = decoded.get();
        byte[] candidate = derive(password, d.salt, d.parameters, d.hash.length);
        return MessageDigest.isEqual(candidate, d.hash);
    }

    @Override
    public boolean needsRehash(PasswordHash stored) {
        return decode(stored).map(d -> d.parameters.weakerThan(parameters)).orElse(true);
    }

    /**
     * Frees the kept memory that no hash has used for {@code idleFor} or longer, and returns how many
     * bytes outside the heap that gave back. The server calls it every few seconds.
     */
    public long releaseIdleMemory(Duration idleFor) {
        long now = nanoTime.getAsLong();
        long freed = 0;
        for (IdleMemory kept : idle) {
            // remove() succeeds for one caller only: a hash that took this memory meanwhile keeps it.
            if (now - kept.since() >= idleFor.toNanos() && idle.remove(kept)) {
                freed += kept.memory().nativeBytes();
                close(kept.memory());
            }
        }
        return freed;
    }

    /** Bytes of hash memory outside the heap, in use or kept (0 on Java 21, where it is in the heap). */
    public long nativeMemoryBytes() {
        return nativeBytesHeld.get();
    }

    /** How many hashes' memory is kept for the next hashes. */
    int keptMemories() {
        return idle.size();
    }

    /** Whether hash memory is allocated outside the Java heap on this JVM. */
    public static boolean memoryOutsideTheHeap() {
        return Argon2MemorySource.outsideTheHeap();
    }

    private byte[] derive(Password password, byte[] salt, Argon2Parameters cost, int length) {
        int blocks = Argon2id.blockCount(cost.memoryKib(), cost.parallelism());
        Argon2Memory memory = takeMemory(blocks);
        try {
            return Argon2id.hash(
                    password.reveal().getBytes(StandardCharsets.UTF_8),
                    salt,
                    NONE,
                    NONE,
                    cost.memoryKib(),
                    cost.iterations(),
                    cost.parallelism(),
                    length,
                    memory);
        } finally {
            memory.wipe();
            // Closed instead when one per core is already kept (more hashes than cores ran).
            if (!idle.offer(new IdleMemory(memory, nanoTime.getAsLong()))) {
                close(memory);
            }
        }
    }

    /** Kept memory when there is some large enough, else new memory. */
    private Argon2Memory takeMemory(int blocks) {
        IdleMemory kept = idle.poll();
        if (kept != null) {
            if (kept.memory().blocks() >= blocks) {
                return kept.memory();
            }
            // A hash stored at another cost than the current one: make room for it.
            close(kept.memory());
        }
        Argon2Memory memory = Argon2MemorySource.allocate(blocks);
        nativeBytesHeld.addAndGet(memory.nativeBytes());
        return memory;
    }

    private void close(Argon2Memory memory) {
        nativeBytesHeld.addAndGet(-memory.nativeBytes());
        memory.close();
    }

    private static Optional<Decoded> decode(PasswordHash stored) {
        Matcher m = PHC.matcher(stored.phcString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            var cost = new Argon2Parameters(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return Optional.of(new Decoded(cost, DECODER.decode(m.group(4)), DECODER.decode(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record IdleMemory(Argon2Memory memory, long since) {}

    private record Decoded(Argon2Parameters parameters, byte[] salt, byte[] hash) {}
}
