package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamSlotsTest {
    private final StreamSlots slots = new StreamSlots(3, 2);

    @Test
    void capsEachClientAndAllTogether() {
        assertThat(slots.take("orders")).isTrue();
        assertThat(slots.take("orders")).isTrue();
        assertThat(slots.take("orders")).as("per client").isFalse();
        assertThat(slots.take("billing")).isTrue();
        assertThat(slots.take("shipping")).as("in total").isFalse();

        slots.release("orders");

        assertThat(slots.take("shipping")).isTrue();
        assertThat(slots.take("orders")).as("all three slots taken again").isFalse();
    }
}
