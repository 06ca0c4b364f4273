package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** r and s of an ES256 signature must each lie in [1, n-1] (SEC 1, 4.1.4 step 1). */
class EcdsaRangeTest {
    private static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @Test
    void acceptsTheBoundsInsideTheRange() {
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(BigInteger.ONE, N.shiftRight(1))))
                .isTrue();
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(N.subtract(BigInteger.ONE), BigInteger.ONE)))
                .isTrue();
    }

    @Test
    void refusesAHighSTheSecondSpellingOfAValidSignature() {
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(
                        signature(BigInteger.ONE, N.shiftRight(1).add(BigInteger.ONE))))
                .isFalse();
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(BigInteger.ONE, N.subtract(BigInteger.ONE))))
                .isFalse();
    }

    @Test
    void lowSFlipsAHighSAndLeavesALowOneAlone() {
        byte[] high = signature(BigInteger.TEN, N.subtract(BigInteger.TWO));
        byte[] low = signature(BigInteger.TEN, BigInteger.TWO);

        assertThat(JwsSignatures.lowS(high)).isEqualTo(low);
        assertThat(JwsSignatures.lowS(low)).isSameAs(low);
    }

    @Test
    void refusesZeroTheOrderAndAbove() {
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(BigInteger.ZERO, BigInteger.ONE)))
                .isFalse();
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(BigInteger.ONE, BigInteger.ZERO)))
                .isFalse();
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(N, BigInteger.ONE)))
                .isFalse();
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(signature(BigInteger.ONE, N.add(BigInteger.ONE))))
                .isFalse();
        byte[] allOnes = new byte[64];
        Arrays.fill(allOnes, (byte) 0xff);
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(allOnes)).isFalse();
        assertThat(AccessTokenFormat.ecdsaSignatureInRange(new byte[63])).isFalse();
    }

    private static byte[] signature(BigInteger r, BigInteger s) {
        byte[] signature = new byte[64];
        place(r, signature, 0);
        place(s, signature, 32);
        return signature;
    }

    private static void place(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - 32);
        int length = bytes.length - start;
        System.arraycopy(bytes, start, into, offset + 32 - length, length);
    }
}
