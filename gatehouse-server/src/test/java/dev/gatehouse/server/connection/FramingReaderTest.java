package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.buffers.DataReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader's rules, driven the way Helidon 4.5's HTTP/1.1 decodes a chunked body: {@code readLine()}
 * for a size, {@code readBuffer(size)} for the data, {@code skip(2)} for its CRLF.
 */
class FramingReaderTest {
    @Test
    void readsAWellFormedChunkedBodyAsHelidonDoes() {
        DataReader reader = reader("1A\r\n" + "x".repeat(26) + "\r\n", "2\r\nab\r\n0\r\n\r\nGET");

        assertThat(reader.readLine()).isEqualTo("1A");
        assertThat(reader.readBuffer(26).readString(26)).isEqualTo("x".repeat(26));
        reader.skip(2);
        assertThat(reader.readLine()).isEqualTo("2");
        assertThat(reader.readBuffer(2).readString(2)).isEqualTo("ab"); // a chunk of two is no CRLF
        reader.skip(2);
        assertThat(reader.readLine()).isEqualTo("0");
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readAsciiString(3)).isEqualTo("GET");
    }

    @Test
    void aChunksDataMustBeFollowedByCrlf() {
        DataReader reader = reader("3\r\nabcXX0\r\n\r\n");
        reader.readLine();
        reader.readBuffer(3);

        assertThatThrownBy(() -> reader.skip(2)).isInstanceOf(DataReader.IncorrectNewLineException.class);
    }

    @Test
    void aSizeIsHexadecimalDigitsOnly() {
        for (String size : List.of("+1c", "-1", " 1c", "1c ", "0x1c", "1c;a=b", "1_c")) {
            assertThatThrownBy(() -> reader(size + "\r\n").readLine())
                    .as(size)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aChunkLineIsShortHoweverManyLeadingZerosItHas() {
        String zeros = "0".repeat(FramingReader.MAX_CHUNK_LINE - 2);
        assertThat(reader(zeros + "1c\r\n").readLine()).isEqualTo(zeros + "1c");

        // a megabyte of zeros and no line end yet: refused after reading only a little of it
        DataReader endless = new FramingReader(() -> "0".repeat(16).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(endless::readLine).isInstanceOf(IllegalArgumentException.class);
    }

    private static DataReader reader(String... packets) {
        Deque<byte[]> queue = new ArrayDeque<>();
        for (String packet : packets) {
            queue.add(packet.getBytes(StandardCharsets.US_ASCII));
        }
        return new FramingReader(queue::poll);
    }
}
