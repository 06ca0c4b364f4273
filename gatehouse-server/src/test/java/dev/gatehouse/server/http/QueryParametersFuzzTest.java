package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin API's and the feed's query parsers: any text is a value in its range or a 400 problem,
 * never an exception that becomes a 500 (an instant past year 9999 once overflowed into one).
 */
class QueryParametersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextIsANumberInRangeOrA400(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        long[] value = new long[1];

        Throwable thrown =
                catchThrowable(() -> value[0] = QueryParameters.number(Optional.of(raw), "limit", 1, 1000, 5));

        if (thrown == null) {
            assertThat(value[0]).isBetween(1L, 1000L);
        } else {
            assertThat(thrown).isInstanceOf(ProblemException.class);
            assertThat(((ProblemException) thrown).problem().status()).isEqualTo(400);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyTextIsAnInstantFrom1970To9999OrA400(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        Instant[] value = new Instant[1];

        Throwable thrown = catchThrowable(() ->
                value[0] = QueryParameters.instant(Optional.of(raw), "from").orElseThrow());

        if (thrown == null) {
            assertThat(value[0].getEpochSecond()).isBetween(0L, 253_402_300_799L);
            assertThat(value[0].toEpochMilli()).isNotNegative();
        } else {
            assertThat(thrown).isInstanceOf(ProblemException.class);
            assertThat(((ProblemException) thrown).problem().status()).isEqualTo(400);
        }
    }
}
