package dev.gatehouse.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import java.util.Optional;

/** Reading request bodies and writing JSON and problem responses, the same way on every route. */
public final class HttpIo {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final JsonCodec codec;

    public HttpIo(JsonCodec codec) {
        this.codec = codec;
    }

    /** The body as {@code type}, after checking it is declared as JSON in UTF-8. */
    public <T> T readJson(ServerRequest request, Class<T> type) {
        Optional<String> contentType = request.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isEmpty() || !isJsonInUtf8(contentType.get())) {
            throw new ProblemException(Problem.unsupportedMediaType(JSON));
        }
        return codec.read(RequestBody.read(request), type);
    }

    public void json(ServerResponse response, int status, Object body) {
        response.status(StatusLine.of(status));
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        response.send(codec.write(body));
    }

    public void noContent(ServerResponse response) {
        response.status(Status.NO_CONTENT_204);
        response.send();
    }

    public void problem(ServerResponse response, Problem problem) {
        response.status(StatusLine.of(problem.status()));
        response.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        response.send(codec.write(problem));
    }

    /** A problem with extension members (RFC 9457 section 3.2): {@code body} has type, title, status, detail and more. */
    public void problem(ServerResponse response, int status, Object body) {
        response.status(StatusLine.of(status));
        response.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        response.send(codec.write(body));
    }

    public byte[] problemBody(Problem problem) {
        return codec.write(problem);
    }

    private static boolean isJsonInUtf8(String header) {
        String[] parts = header.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
