package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {
    @ParameterizedTest
    @ValueSource(strings = {"12", "1000", "1"})
    void plainDigitsAreTheNumberTheySpell(String raw) {
        assertThat(QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5))
                .isEqualTo(Long.parseLong(raw));
    }

    /** One spelling a number: Long.parseLong alone read the signed, padded and other scripts' ones. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "١٢",
                "１２",
                "+3",
                " 1",
                "1 ",
                "1\t",
                "",
                "0x10",
                "1.0",
                "1e2",
                "9999999999999999999",
                "012",
                "-0",
                "-00",
                "-1"
            })
    void anythingButPlainDigitsIsA400NamingTheRange(String raw) {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class, () -> QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5));

        assertThat(refused).as(raw).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().detail()).isEqualTo("limit must be a whole number from 1 to 1000.");
    }

    @org.junit.jupiter.api.Test
    void zeroIsSpelledOneWay() {
        assertThat(QueryParameters.number(Optional.of("0"), "after", 0, Long.MAX_VALUE, 5))
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001"})
    void aNumberOutOfRangeIsA400(String raw) {
        assertThat(catchThrowableOfType(
                        ProblemException.class, () -> QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5)))
                .isNotNull();
    }
}
