package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportErrorsTest {
    /**
     * Helidon 4.5 hands on the line read and a "/" as the version of a refused request line, and the
     * version alone for a request line it parsed.
     */
    @ParameterizedTest(name = "[{0}] with {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a well-formed version other than 1.1: not supported
                "GET /health/ready HTTP/9.9/ | 400 | 505",
                "GET / HTTP/2.0/             | 400 | 505",
                "HTTP/3.0                    | 400 | 505",
                // a malformed version, or another fault of an HTTP/1.1 request: malformed
                "GET / HTTP/1.10/            | 400 | 400",
                "GET / HTTPS/1.1/            | 400 | 400",
                "GET / XHTTP/2.0/            | 400 | 400",
                "HTTP/1.1                    | 400 | 400",
                "GET /x HTTP/1.1/            | 400 | 400",
                "''                          | 400 | 400",
                // other refusals stay what they are
                "GET / HTTP/9.9/             | 413 | 413",
                "HTTP/1.1                    | 431 | 431",
            })
    void theStatusFollowsTheVersionARefusedRequestLineEndsIn(String protocolVersion, int status, int answered) {
        assertThat(TransportErrors.statusFor(protocolVersion, status)).isEqualTo(answered);
    }
}
