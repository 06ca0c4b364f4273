package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DecimalTextTest {
    @Test
    void readsPlainDigitsAsDecimalEvenWithLeadingZeros() {
        assertThat(DecimalText.parse("9216")).hasValue(9216);
        assertThat(DecimalText.parse("09216")).hasValue(9216);
        assertThat(DecimalText.parse("010240")).hasValue(10_240);
        assertThat(DecimalText.parse("0")).hasValue(0);
    }

    /** What Integer.parseInt takes but the launcher, sizing the heap in bash, cannot read the same way. */
    @Test
    void refusesSignsOtherScriptsDigitsAndOverflow() {
        for (String text : new String[] {
            "+9216", "-1", "٩٢١٦", "９２１６", "9216.0", "0x2400", "", "9 216", "1234567890", "99999999999999999999"
        }) {
            assertThat(DecimalText.parse(text)).as(text).isEqualTo(OptionalInt.empty());
        }
    }

    @Test
    void theArgon2MemoryIsReadThroughIt() {
        assertThat(ConfigKey.ARGON2_MEMORY_KIB.type().parse("٩٢١٦")).isInstanceOf(Parsed.Refused.class);
        assertThat(ConfigKey.PORT.type().parse("+80")).isInstanceOf(Parsed.Refused.class);
        assertThat(ConfigKey.MAX_CONNECTIONS.type().parse("١٠٠")).isInstanceOf(Parsed.Refused.class);
    }
}
