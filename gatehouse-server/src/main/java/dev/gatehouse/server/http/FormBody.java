package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, read strictly: valid UTF-8 only, and no parameter
 * twice (RFC 6749 section 3.2: "parameters MUST NOT be included more than once").
 */
public final class FormBody {
    private final Map<String, String> values;

    private FormBody(Map<String, String> values) {
        this.values = values;
    }

    public static FormBody read(ServerRequest request) {
        String type =
                request.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!type.split(";")[0].strip().equals("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("The body must be application/x-www-form-urlencoded.");
        }
        return parse(RequestBody.read(request));
    }

    /** The body's parameters; an {@link OAuthException} (invalid_request) for anything malformed. */
    static FormBody parse(byte[] bytes) {
        String text = StrictUtf8.decode(bytes).orElseThrow(() -> OAuthError.invalidRequest("The body is not UTF-8."));
        Map<String, String> values = new HashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split("&", -1)) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (values.put(name, value) != null) {
                    throw OAuthError.invalidRequest("A parameter appears more than once.");
                }
            }
        }
        return new FormBody(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> OAuthError.invalidRequest("Parameter '" + name + "' is required."));
    }

    /**
     * Percent-decodes one name or value (WHATWG URL, application/x-www-form-urlencoded parsing) and then
     * decodes its bytes as UTF-8 strictly: {@code URLDecoder} would turn {@code %C0%AF} or {@code %ED%A0%80}
     * (an encoded surrogate) into replacement characters without a word.
     */
    private static String decode(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '+') {
                bytes.write(' ');
            } else if (raw[i] == '%') {
                int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
                int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw OAuthError.invalidRequest("The body is not valid form encoding.");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return StrictUtf8.decode(bytes.toByteArray())
                .orElseThrow(() -> OAuthError.invalidRequest("A parameter is not UTF-8 once percent-decoded."));
    }
}
