package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, read strictly: valid UTF-8 only, and no parameter
 * twice (RFC 6749 section 3.2: "parameters MUST NOT be included more than once").
 */
final class FormBody {
    private final Map<String, String> values;

    private FormBody(Map<String, String> values) {
        this.values = values;
    }

    static FormBody read(ServerRequest request) {
        String type =
                request.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!type.split(";")[0].strip().equals("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("The body must be application/x-www-form-urlencoded.");
        }
        return parse(RequestBody.read(request));
    }

    /** The body's parameters; an {@link OAuthException} (invalid_request) for anything malformed. */
    static FormBody parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw OAuthError.invalidRequest("The body is not UTF-8.");
        }
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

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    String require(String name) {
        return get(name).orElseThrow(() -> OAuthError.invalidRequest("Parameter '" + name + "' is required."));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidRequest("The body is not valid form encoding.");
        }
    }
}
