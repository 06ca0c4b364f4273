package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
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

    @Test
    void aRequestLineWhoseMethodIsNoTokenIsRefusedWhateverFollowsIt() {
        for (String line : List.of(
                "G@T / HTTP/1.1",
                "G@T / XYZ",
                "G@T / HTTP/1.10",
                "GET/health/ready HTTP/1.",
                "G\u00c9T / HTTP/2",
                "GET",
                "get / HTTP/1.1",
                "Post / HTTP/1.1",
                "M-search * HTTP/1.1")) {
            DataReader reader = reader(line + "\r\n");
            int end = reader.findNewLine(1024);

            assertThatThrownBy(() -> reader.readBytes(end))
                    .as(line)
                    .isInstanceOf(RequestException.class)
                    .extracting(e -> ((RequestException) e).status().code())
                    .isEqualTo(400);
        }
        for (String line : List.of("OPTIONS * HTTP/1.1", "M-SEARCH * HTTP/1.1", "!#$%&'*+-.^_`|~ / HTTP/1.1")) {
            assertThat(new String(reader(line + "\r\n").readBytes(line.length()), StandardCharsets.US_ASCII))
                    .isEqualTo(line);
        }
    }

    /** Helidon adds the sizes in an int: FFFFFFFF was -1 to it. The limit is the body's, over all chunks. */
    @Test
    void theChunksOfABodyAreAtMostTheBodyLimitTogether() {
        assertThatThrownBy(() -> reader("FFFFFFFF\r\n").readLine())
                .isInstanceOf(RequestException.class)
                .extracting(e -> ((RequestException) e).status().code())
                .isEqualTo(413);

        String half = "x".repeat(32 * 1024);
        DataReader reader = reader(("8000\r\n" + half + "\r\n").repeat(2) + "0\r\n\r\n"
                + ("8000\r\n" + half + "\r\n").repeat(2) + "1\r\n");
        for (int body = 0; body < 2; body++) { // 64 KiB, the limit, in two chunks: twice, since "0" ends a body
            for (int chunk = 0; chunk < 2; chunk++) {
                assertThat(reader.readLine()).isEqualTo("8000");
                reader.readBuffer(32 * 1024);
                reader.skip(2);
            }
            if (body == 0) {
                assertThat(reader.readLine()).isEqualTo("0");
                assertThat(reader.readLine()).isEmpty();
            }
        }
        assertThatThrownBy(reader::readLine)
                .as("one byte more than the limit")
                .isInstanceOf(RequestException.class)
                .extracting(e -> ((RequestException) e).status().code())
                .isEqualTo(413);
    }

    /** Helidon reads a Connection value with readBytes too, after stepping over the name and its colon. */
    @Test
    void aConnectionValueIsNoRequestLine() {
        DataReader fastPath = reader("Connection: keep-alive, Upgrade\r\nG@T / HTTP/1.1\r\n");
        assertThat(fastPath.startsWith("Connection:".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        fastPath.skip(11);
        assertThat(new String(fastPath.readBytes(fastPath.findNewLine(1024)), StandardCharsets.US_ASCII))
                .isEqualTo(" keep-alive, Upgrade");
        fastPath.skip(2);
        // the next line read with readBytes follows a line end: a request line again
        int end = fastPath.findNewLine(1024);
        assertThatThrownBy(() -> fastPath.readBytes(end)).isInstanceOf(RequestException.class);

        DataReader otherCase = reader("GET / HTTP/1.1\r\nconnection: a b\r\n");
        otherCase.readBytes(otherCase.findNewLine(1024));
        otherCase.skip(2);
        assertThat(otherCase.readAsciiString(otherCase.findOrNewLine((byte) ':', 1024)))
                .isEqualTo("connection");
        otherCase.skip(1);
        assertThat(new String(otherCase.readBytes(otherCase.findNewLine(1024)), StandardCharsets.US_ASCII))
                .isEqualTo(" a b");
    }

    /**
     * Once a chunk is refused nothing more is read: Helidon drained a body no route read past the
     * refused size, took its data ("abc") for the next size and waited for 2,748 bytes.
     */
    @Test
    void afterARefusalNothingMoreIsRead() {
        DataReader reader = reader("3;x\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n");
        assertThatThrownBy(reader::readLine).isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(reader::readLine).isInstanceOf(DataReader.IncorrectNewLineException.class);
        assertThatThrownBy(() -> reader.readBuffer(3)).isInstanceOf(DataReader.IncorrectNewLineException.class);
        assertThatThrownBy(() -> reader.findNewLine(1024)).isInstanceOf(DataReader.IncorrectNewLineException.class);
        assertThatThrownBy(() -> reader.skip(2)).isInstanceOf(DataReader.IncorrectNewLineException.class);
    }

    private static DataReader reader(String... packets) {
        Deque<byte[]> queue = new ArrayDeque<>();
        for (String packet : packets) {
            queue.add(packet.getBytes(StandardCharsets.US_ASCII));
        }
        return new FramingReader(queue::poll);
    }
}
