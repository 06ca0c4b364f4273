package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportErrorsTest {
    @Test
    void aRefusedRequestLineEndingInAWellFormedVersionOtherThan11Gets505() {
        // Helidon 4.5 hands on the line read and a "/" as the version of a refused request line.
        assertThat(TransportErrors.statusFor("GET /health/ready HTTP/9.9/", 400))
                .isEqualTo(505);
        assertThat(TransportErrors.statusFor("GET / HTTP/2.0/", 400)).isEqualTo(505);
        assertThat(TransportErrors.statusFor("HTTP/3.0", 400)).isEqualTo(505);
    }

    @Test
    void malformedVersionsAndOtherFaultsOfAnHttp11RequestStay400() {
        assertThat(TransportErrors.statusFor("GET / HTTP/1.10/", 400)).isEqualTo(400);
        assertThat(TransportErrors.statusFor("GET / HTTPS/1.1/", 400)).isEqualTo(400);
        assertThat(TransportErrors.statusFor("GET / XHTTP/2.0/", 400)).isEqualTo(400);
        assertThat(TransportErrors.statusFor("HTTP/1.1", 400)).isEqualTo(400);
        assertThat(TransportErrors.statusFor("GET /x HTTP/1.1/", 400)).isEqualTo(400);
        assertThat(TransportErrors.statusFor("", 400)).isEqualTo(400);
    }

    @Test
    void otherStatusesAreLeftAsTheyAre() {
        assertThat(TransportErrors.statusFor("GET / HTTP/9.9/", 413)).isEqualTo(413);
        assertThat(TransportErrors.statusFor("HTTP/1.1", 431)).isEqualTo(431);
    }
}
