package dev.gatehouse.core.account;

import dev.gatehouse.core.secret.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id (RFC 9106) through Bouncy Castle's pure-Java generator, encoded as a PHC string.
 *
 * <p>The salt is 16 bytes and the hash 32 bytes, the sizes RFC 9106 section 3.1 recommends.
 *
 * <p>Each hash fills {@code memoryKib} blocks of 1 KiB (19 MiB at the default). Allocated afresh, a
 * flood of logins turned that into hundreds of megabytes a second of objects that live exactly as long
 * as a hash — long enough to be copied by every young collection in between — and a bounded heap spent
 * seconds collecting. The blocks come from pools instead, one hash's worth each, kept for one hash per
 * core (the hashing pool runs no more at once): allocated once, wiped by Bouncy Castle before they go
 * back.
 *
 * <p>Each hash takes a whole pool to itself rather than sharing one: with one shared pool, two hashes
 * at once took turns on its lock for every one of their 19,456 blocks and ran 1.5 times as fast as
 * one hash, not twice ({@code PasswordHashingBenchmark} with two threads).
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final Argon2Parameters parameters;
    private final RandomSource random;
    /** Blocks one hash at the configured cost takes: its memory and Bouncy Castle's 4 working blocks. */
    private final int blocksPerHash;

    private final BlockingQueue<Argon2BytesGenerator.FixedBlockPool> idleBlocks;

    public Argon2idPasswordHasher(Argon2Parameters parameters, RandomSource random) {
        this(parameters, random, Runtime.getRuntime().availableProcessors());
    }

    /** A hasher whose block pool keeps the memory of {@code concurrentHashes} hashes between hashes. */
    public Argon2idPasswordHasher(Argon2Parameters parameters, RandomSource random, int concurrentHashes) {
        this.parameters = parameters;
        this.random = random;
        this.blocksPerHash = Argon2BytesGenerator.getBlockCount(parameters.memoryKib(), parameters.parallelism());
        this.idleBlocks = new ArrayBlockingQueue<>(Math.max(1, concurrentHashes));
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

    private byte[] derive(Password password, byte[] salt, Argon2Parameters cost, int length) {
        Argon2BytesGenerator.FixedBlockPool blocks = idleBlocks.poll();
        if (blocks == null) {
            blocks = new Argon2BytesGenerator.FixedBlockPool(blocksPerHash);
        }
        try {
            return derive(password, salt, cost, length, blocks);
        } finally {
            // Dropped for the collector when one per core is already kept (more hashes than cores ran).
            idleBlocks.offer(blocks);
        }
    }

    private static byte[] derive(
            Password password,
            byte[] salt,
            Argon2Parameters cost,
            int length,
            Argon2BytesGenerator.FixedBlockPool blocks) {
        var generatorParameters = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(generatorParameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.reveal().getBytes(StandardCharsets.UTF_8), out);
        return out;
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

    private record Decoded(Argon2Parameters parameters, byte[] salt, byte[] hash) {}
}
