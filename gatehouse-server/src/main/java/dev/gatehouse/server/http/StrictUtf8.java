package dev.gatehouse.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text from strangers, decoded without repair. A lenient decoder turns an overlong form ({@code C0 AF}
 * for "/") or a stray byte into U+FFFD or into the character it hides, so two parsers may read two
 * texts; a JSON escape of half a surrogate pair (U+D800 to U+DFFF alone) names no character at all and is
 * stored lossily. RFC 3629 section 3 forbids both overlong forms and encoded surrogates; RFC 8259
 * section 8.2 leaves unpaired escapes to "unpredictable" behaviour. Both are refused here.
 */
final class StrictUtf8 {
    private StrictUtf8() {}

    /** The text these bytes encode, or empty when they are not well-formed UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Whether every surrogate in {@code text} is half of a high-low pair, so it is Unicode text. */
    static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
