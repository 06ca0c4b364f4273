package dev.gatehouse.server.pages;

import dev.gatehouse.core.secret.Sha256;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The pages' one stylesheet and one small script, served as files so that the Content-Security-Policy
 * can forbid anything inline. Links carry a version taken from the file's hash, so a browser may keep
 * a copy for a day and still loads a changed file at once after an upgrade.
 */
public final class Assets {
    private static final String STYLESHEET_PATH = "/assets/gatehouse.css";
    private static final String SCRIPT_PATH = "/assets/gatehouse.js";

    private final Asset stylesheet = Asset.load("gatehouse.css", "text/css; charset=utf-8");
    private final Asset script = Asset.load("gatehouse.js", "text/javascript; charset=utf-8");

    public void register(HttpRouting.Builder routing) {
        routing.get(STYLESHEET_PATH, (request, response) -> stylesheet.send(response));
        routing.get(SCRIPT_PATH, (request, response) -> script.send(response));
    }

    /** The stylesheet's link, versioned by its content. */
    public String stylesheetLink() {
        return STYLESHEET_PATH + "?v=" + stylesheet.version();
    }

    /** The script's link, versioned by its content. */
    public String scriptLink() {
        return SCRIPT_PATH + "?v=" + script.version();
    }

    private record Asset(byte[] bytes, String contentType, String version) {
        static Asset load(String name, String contentType) {
            try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks the page asset " + name);
                }
                byte[] bytes = in.readAllBytes();
                return new Asset(
                        bytes,
                        contentType,
                        Sha256.hex(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                                .substring(0, 12));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(ServerResponse response) {
            response.status(Status.OK_200);
            response.header(HeaderNames.CONTENT_TYPE, contentType);
            // Not a credential and the same for everyone: a day's caching is safe, and the versioned
            // link makes a changed file load at once.
            response.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
            response.send(bytes);
        }
    }
}
