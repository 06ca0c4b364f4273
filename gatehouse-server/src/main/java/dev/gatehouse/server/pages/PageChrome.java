package dev.gatehouse.server.pages;

import java.util.List;
import java.util.Optional;

/**
 * What the layout around every page shows: the title, who is signed in (with the token their sign-out
 * form needs), the messages about what just happened, and the asset links.
 */
public record PageChrome(
        String title, Optional<SignedIn> signedIn, List<Flash> flashes, String stylesheet, String script) {

    public PageChrome {
        flashes = List.copyOf(flashes);
    }

    /** The person signed in, as the header shows them. */
    public record SignedIn(String email, boolean admin, String csrfToken) {}

    public PageChrome withFlash(Flash flash) {
        var more = new java.util.ArrayList<>(flashes);
        more.add(flash);
        return new PageChrome(title, signedIn, more, stylesheet, script);
    }
}
