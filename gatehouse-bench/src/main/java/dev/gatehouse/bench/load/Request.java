package dev.gatehouse.bench.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the bytes of one HTTP/1.1 request, as a client library would send them. */
final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body = "";

    private Request(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Request get(String path) {
        return new Request("GET", path);
    }

    static Request post(String path) {
        return new Request("POST", path);
    }

    Request header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Request basic(String user, String password) {
        return header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    Request json(String json) {
        body = json;
        return header("Content-Type", "application/json");
    }

    Request form(Map<String, String> fields) {
        body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return header("Content-Type", "application/x-www-form-urlencoded");
    }

    byte[] bytes(String hostHeader) {
        StringBuilder request = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader)
                .append("\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (!method.equals("GET")) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n").append(body);
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }
}
