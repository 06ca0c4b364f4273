package dev.gatehouse.server.pages;

import dev.gatehouse.server.http.StatusLine;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a page from its precompiled template and sends it with the headers every page carries. The
 * global filter already sets {@code no-store}, {@code nosniff}, {@code no-referrer} and framing headers
 * on every response; a page replaces the API's {@code default-src 'none'} with a policy that lets it load
 * its own stylesheet and script, and nothing inline.
 */
public final class PageRenderer {
    /**
     * No inline script or style anywhere (so an injected tag cannot run), forms post only to Gatehouse,
     * no framing (clickjacking), and no {@code <base>} that could redirect relative links. The script may
     * fetch from Gatehouse alone ({@code connect-src 'self'}): the passkey forms ask for their WebAuthn
     * challenge before the browser's prompt.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String NO_REFERRER = "no-referrer";

    /** Where the build puts the compiled templates (jte-maven-plugin's {@code packageName}). */
    private static final String TEMPLATE_PACKAGE = "dev.gatehouse.server.pages.templates";

    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, TEMPLATE_PACKAGE);

    /** Sends {@code template} (say {@code "login.jte"}) rendered with its one parameter, {@code page}. */
    public void send(ServerResponse response, int status, String template, Object page) {
        send(response, status, template, page, List.of());
    }

    /**
     * As {@link #send(ServerResponse, int, String, Object)}, for a page whose form ends in a redirect
     * to {@code formTargets} (origins such as {@code https://app.example}): browsers apply
     * {@code form-action} to every redirect after a form is posted, so a sign-in or consent form that
     * continues to an app's registered redirect URI names that origin, and no other.
     */
    public void send(ServerResponse response, int status, String template, Object page, List<String> formTargets) {
        StringOutput output = new StringOutput();
        engine.render(template, page, output);
        applyPageHeaders(response);
        if (!formTargets.isEmpty()) {
            response.header(
                    HeaderNames.create("Content-Security-Policy"),
                    CONTENT_SECURITY_POLICY.replace(
                            "form-action 'self'", "form-action 'self' " + String.join(" ", formTargets)));
        }
        response.status(StatusLine.of(status));
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        response.send(withoutNul(output.toString()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * jte escapes markup but passes a NUL through, and a request can put one in a value a page shows
     * again (a search, an address typed into a form). HTML forbids it in a document (a parse error,
     * read as U+FFFD in most places), so it is replaced here, once for every page, as a parser would.
     */
    static String withoutNul(String html) {
        return html.indexOf('\0') < 0 ? html : html.replace('\0', '\uFFFD');
    }

    /**
     * A 303 See Other to a path on this server: after a form is posted the browser loads the next page
     * with a GET, so a reload does not post the form again.
     */
    public void redirect(ServerResponse response, String location) {
        applyPageHeaders(response);
        response.status(Status.SEE_OTHER_303);
        response.header(HeaderNames.LOCATION, location);
        response.send();
    }

    /**
     * As {@link #redirect}, without a {@code Referer}: the answer to a mailed link whose URL carries a
     * token, so not even the next page learns it. (The forms after it keep {@code same-origin}: with
     * {@code no-referrer} a browser posts them with {@code Origin: null}, which the CSRF check refuses.)
     */
    public void redirectWithoutReferrer(ServerResponse response, String location) {
        response.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.create("Referrer-Policy"), NO_REFERRER);
        response.status(Status.SEE_OTHER_303);
        response.header(HeaderNames.LOCATION, location);
        response.send();
    }

    private static void applyPageHeaders(ServerResponse response) {
        response.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.create("Referrer-Policy"), "same-origin");
    }
}
