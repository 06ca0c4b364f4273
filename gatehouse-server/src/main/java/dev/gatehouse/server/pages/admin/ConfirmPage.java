package dev.gatehouse.server.pages.admin;

import dev.gatehouse.server.pages.PageChrome;
import java.util.List;

/**
 * A page that asks before an act that cannot be undone, and works without JavaScript.
 *
 * @param consequences what will happen, one sentence each
 * @param action where the form posts
 * @param askPassword whether the form carries the password field (the sign-in is old)
 * @param cancel where "Cancel" leads
 * @param formId the form's id, for tests and the skip to the button
 */
public record ConfirmPage(
        PageChrome chrome,
        String heading,
        List<String> consequences,
        String action,
        String button,
        boolean danger,
        boolean askPassword,
        String cancel,
        String formId) {

    public ConfirmPage {
        consequences = List.copyOf(consequences);
    }
}
