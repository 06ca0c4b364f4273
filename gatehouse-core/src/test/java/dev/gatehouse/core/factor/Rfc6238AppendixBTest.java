package dev.gatehouse.core.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors of RFC 6238 Appendix B: 8-digit codes with SHA-1, SHA-256 and SHA-512 seeds. */
class Rfc6238AppendixBTest {
    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}s, {2}")
    @CsvSource({
        "59,          0000000000000001, 94287082, SHA1",
        "59,          0000000000000001, 46119246, SHA256",
        "59,          0000000000000001, 90693936, SHA512",
        "1111111109,  00000000023523EC, 07081804, SHA1",
        "1111111109,  00000000023523EC, 68084774, SHA256",
        "1111111109,  00000000023523EC, 25091201, SHA512",
        "1111111111,  00000000023523ED, 14050471, SHA1",
        "1111111111,  00000000023523ED, 67062674, SHA256",
        "1111111111,  00000000023523ED, 99943326, SHA512",
        "1234567890,  000000000273EF07, 89005924, SHA1",
        "1234567890,  000000000273EF07, 91819424, SHA256",
        "1234567890,  000000000273EF07, 93441116, SHA512",
        "2000000000,  0000000003F940AA, 69279037, SHA1",
        "2000000000,  0000000003F940AA, 90698825, SHA256",
        "2000000000,  0000000003F940AA, 38618901, SHA512",
        "20000000000, 0000000027BC86AA, 65353130, SHA1",
        "20000000000, 0000000027BC86AA, 77737706, SHA256",
        "20000000000, 0000000027BC86AA, 47863826, SHA512"
    })
    void theAppendixVectorsComeOut(long unixSeconds, String stepHex, String expected, String mode) {
        Instant instant = Instant.ofEpochSecond(unixSeconds);
        long step = Long.parseLong(stepHex, 16);
        byte[] seed = switch (mode) {
            case "SHA1" -> SEED_SHA1;
            case "SHA256" -> SEED_SHA256;
            default -> SEED_SHA512;
        };
        Totp totp = new Totp("Hmac" + mode, 8);

        assertThat(Totp.stepAt(instant)).isEqualTo(step);
        assertThat(totp.code(seed, step)).isEqualTo(expected);
        assertThat(totp.matchingStep(seed, expected, instant)).hasValue(step);
    }

    @ParameterizedTest(name = "T = {0}s")
    @CsvSource({"59", "1111111109", "1111111111", "1234567890", "2000000000", "20000000000"})
    void theStandardSixDigitCodesAgreeWithAnIndependentImplementation(long unixSeconds) {
        Instant instant = Instant.ofEpochSecond(unixSeconds);

        assertThat(Totp.STANDARD.code(SEED_SHA1, Totp.stepAt(instant)))
                .isEqualTo(IndependentTotp.code(SEED_SHA1, unixSeconds / 30))
                // RFC 6238's SHA-1 vectors, cut to the last six digits (RFC 4226 section 5.3).
                .isEqualTo(
                        switch ((int) (unixSeconds % 1000)) {
                            case 59 -> "287082";
                            case 109 -> "081804";
                            case 111 -> "050471";
                            case 890 -> "005924";
                            default -> unixSeconds == 2000000000L ? "279037" : "353130";
                        });
    }
}
