package dev.gatehouse.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON in and out, strictly: snake_case names, unknown or duplicate fields refused, no type coercion,
 * bounded nesting and string length. Errors become 400 problems that name the field, never a class.
 */
public final class JsonCodec {
    static final int MAX_NESTING_DEPTH = 16;
    static final int MAX_STRING_LENGTH = 16 * 1024;

    /** The one codec of the process: immutable and thread-safe, so every reader and writer shares it. */
    public static final JsonCodec SHARED = new JsonCodec();

    private final ObjectMapper mapper;

    private JsonCodec() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(JsonParser.Feature.ALLOW_COMMENTS);
        ObjectMapper built = builder.build();
        built.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(32)
                        .build());
        built.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper = built;
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new ProblemException(Problem.invalidJson("The body is empty; a JSON object was expected."));
        }
        // RFC 8259 section 8.1: JSON text exchanged between systems "MUST be encoded using UTF-8". Decoded
        // here, strictly, rather than by the parser, which detects other encodings and repairs bad bytes.
        String text = StrictUtf8.decode(body)
                .orElseThrow(() -> new ProblemException(Problem.invalidJson("The body is not valid UTF-8.")));
        try {
            // The whole document is read as a tree first, so the nesting and size limits hold
            // however early mapping to the record would have stopped.
            JsonNode tree = mapper.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ProblemException(Problem.invalidJson("A JSON object was expected."));
            }
            if (!isWellFormed(tree)) {
                throw new ProblemException(Problem.invalidJson("A string escapes half of a surrogate pair."));
            }
            return mapper.treeToValue(tree, type);
        } catch (StreamConstraintsException e) {
            throw new ProblemException(Problem.invalidJson("The JSON is nested too deeply or a value is too long."));
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(
                    Problem.invalidRequest("Unknown field '" + printable(e.getPropertyName()) + "'."));
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw new ProblemException(Problem.invalidRequest(
                    path.isEmpty() ? "A JSON object was expected." : "Field '" + path + "' has the wrong type."));
        } catch (JsonParseException e) {
            var location = e.getLocation();
            throw new ProblemException(Problem.invalidJson(
                    "Malformed JSON at line %d, column %d.".formatted(location.getLineNr(), location.getColumnNr())));
        } catch (JsonMappingException e) {
            throw new ProblemException(Problem.invalidRequest("The JSON does not fit this request."));
        } catch (IOException e) {
            throw new ProblemException(Problem.invalidJson("The body could not be read as JSON."));
        }
    }

    /** No field name or string anywhere in the tree holds an unpaired surrogate (from a JSON escape). */
    private static boolean isWellFormed(JsonNode root) {
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isTextual() && !StrictUtf8.isWellFormed(node.textValue())) {
                return false;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!StrictUtf8.isWellFormed(field.getKey())) {
                        return false;
                    }
                    pending.push(field.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::push);
            }
        }
        return true;
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .map(JsonCodec::printable)
                .collect(Collectors.joining("."));
    }

    /** Field names come from the client: keep them short and printable before echoing them. */
    private static String printable(String name) {
        String cleaned = name.codePoints()
                .filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned;
    }
}
