package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {
    @ParameterizedTest
    @ValueSource(strings = {"12", "012", "1000", "1"})
    void plainDigitsAreTheNumberTheySpell(String raw) {
        assertThat(QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5))
                .isEqualTo(Long.parseLong(raw));
    }

    /** Long.parseLong alone reads every one of these as a number: one value had many spellings. */
    @ParameterizedTest
    @ValueSource(strings = {"١٢", "１２", "+3", " 1", "1 ", "1\t", "", "0x10", "1.0", "1e2", "9999999999999999999"})
    void anythingButPlainDigitsIsA400NamingTheRange(String raw) {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class, () -> QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5));

        assertThat(refused).as(raw).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().detail()).isEqualTo("limit must be a whole number from 1 to 1000.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "1001"})
    void aNumberOutOfRangeIsA400(String raw) {
        assertThat(catchThrowableOfType(
                        ProblemException.class, () -> QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5)))
                .isNotNull();
    }
}
