package dev.gatehouse.core.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasskeyNameTest {

    @Test
    void aNameIsTrimmedAndMayHoldAnyVisibleCharacter() {
        assertThat(Passkey.acceptableName("  Laptop ")).contains("Laptop");
        assertThat(Passkey.acceptableName("Téléphone d'Ada — 2026")).contains("Téléphone d'Ada — 2026");
        assertThat(Passkey.acceptableName("鍵 🔑")).contains("鍵 🔑");
        assertThat(Passkey.acceptableName("👨\u200d👩\u200d👧 family"))
                .as("emoji joined by U+200D")
                .isPresent();
    }

    @Test
    void controlSeparatorAndInvisibleFormattingCharactersAreRefused() {
        for (String name : List.of(
                "a\u0000b",
                "line1\nline2",
                "\u007f\u001b[31m",
                "\u202egnp.exe",
                "\u200b",
                "a\u2028b",
                "a\u2029b",
                "a\ud800b",
                "a\u0378b",
                "a\ufeffb")) {
            assertThat(Passkey.acceptableName(name))
                    .as(name.codePoints()
                            .mapToObj(Integer::toHexString)
                            .toList()
                            .toString())
                    .isEmpty();
        }
    }

    @Test
    void theLengthCountsCharactersNotUtf16Units() {
        assertThat(Passkey.acceptableName("🔑".repeat(64))).isPresent();
        assertThat(Passkey.acceptableName("🔑".repeat(65))).isEmpty();
        assertThat(Passkey.acceptableName("a".repeat(64))).isPresent();
        assertThat(Passkey.acceptableName("a".repeat(65))).isEmpty();
        assertThat(Passkey.acceptableName("   ")).isEmpty();
    }
}
