package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RunningGatehouse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 12: text that is not Unicode never reaches an account; it is refused as malformed JSON. */
class MalformedTextIT extends ApiTestBase {

    @Test
    void anEmailWithHalfASurrogatePairIsRefusedNotStored() {
        String local = "user-" + UUID.randomUUID();

        for (String escaped : new String[] {local + "\\ud800@example.com", "\\udc00"}) {
            ApiClient.Response response = client().send(
                            "POST",
                            "/v1/accounts",
                            "{\"email\":\"" + escaped + "\",\"password\":\"" + PASSWORD + "\"}");

            assertProblem(response, 400, "invalid-json");
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"email\":\"user-" + UUID.randomUUID() + "a").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xc0, (byte) 0xaf}); // an overlong "/"
        body.writeBytes(("@example.com\",\"password\":\"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nOrigin: "
                        + RunningGatehouse.ISSUER + "\r\nContent-Length: " + body.size()
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body.toByteArray());

        RawHttp.Reply reply = RawHttp.exchange(server.port(), request.toByteArray());

        assertThat(reply.status()).as(reply.head()).isEqualTo(400);
        assertThat(reply.body()).contains("\"urn:gatehouse:problem:invalid-json\"");
    }
}
