package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashCeilingTest {
    @Test
    void aStretchOfTimeMeasuredAtBothEndsGetsTheMeanOfBoth() {
        HashCeiling before = new HashCeiling(22.0, 80.0);
        HashCeiling after = new HashCeiling(36.0, 50.0);

        assertThat(before.meanWith(after)).isEqualTo(new HashCeiling(29.0, 65.0));
    }
}
