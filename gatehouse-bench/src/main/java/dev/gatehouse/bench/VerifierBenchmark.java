package dev.gatehouse.bench;

import com.nimbusds.jose.jwk.ECKey;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.verifier.GatehouseVerifier;
import dev.gatehouse.verifier.VerificationResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The verifier SDK on a fresh token (cache off: the whole check, signature included, with the feed
 * look-up), on a token seen before (cache on), and — for ES256 — the bare Bouncy Castle signature
 * check of the same token, the fastest available to Java, as the yardstick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifierBenchmark {
    @Param({"ES256", "EdDSA", "RS256"})
    public String algorithm;

    private LoopbackIssuer issuer;
    private GatehouseVerifier uncached;
    private GatehouseVerifier cached;
    private String token;
    private byte[] digestInput;
    private BigInteger r;
    private BigInteger s;
    private ECPublicKeyParameters bcKey;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        issuer = new LoopbackIssuer(SigningAlgorithm.valueOf(algorithm));
        uncached = verifier(0);
        cached = verifier(10_000);
        token = issuer.token("orders-api");
        if (!uncached.verify(token).isVerified() || !cached.verify(token).isVerified()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
        if (issuer.algorithm == SigningAlgorithm.ES256) {
            digestInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
            r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
            s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
            X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
            ECKey ec = (ECKey) issuer.key;
            bcKey = new ECPublicKeyParameters(
                    curve.getCurve()
                            .validatePoint(
                                    ec.getX().decodeToBigInteger(), ec.getY().decodeToBigInteger()),
                    new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH()));
        }
    }

    private GatehouseVerifier verifier(int cacheSize) {
        return GatehouseVerifier.builder()
                .issuer(issuer.issuer)
                .audience("orders-api")
                .revocationFeedCredentials("orders", "secret")
                .allowInsecureHttpForLocalDevelopment()
                .cacheSize(cacheSize)
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        uncached.close();
        cached.close();
        issuer.close();
    }

    @Benchmark
    public VerificationResult verifyFreshToken() {
        return uncached.verify(token);
    }

    @Benchmark
    public VerificationResult verifyCachedToken() {
        return cached.verify(token);
    }

    /** SHA-256 of the signing input and one Bouncy Castle ECDSA P-256 check: nothing else. */
    @Benchmark
    public boolean bareBouncyCastleEs256Check() throws Exception {
        if (bcKey == null) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, bcKey);
        return verifier.verifySignature(MessageDigest.getInstance("SHA-256").digest(digestInput), r, s);
    }
}
