package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The e-mail canonicaliser, which every sign-up and login runs before anything else: for any text it
 * returns an address or nothing, never throws, and what it returns is a fixed point (parsing it again
 * gives it back), so no spelling can become two accounts or a 500.
 */
class EmailAddressFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextIsAFixedPointAddressOrNoneAndNeverAnException(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);

        var parsed = EmailAddress.parse(raw);

        parsed.ifPresent(
                address -> assertThat(EmailAddress.parse(address.value())).contains(address));
        assertThat(EmailAddress.identifier(raw)).isNotNull();
    }
}
