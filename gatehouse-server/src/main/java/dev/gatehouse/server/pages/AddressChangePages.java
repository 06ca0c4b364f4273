package dev.gatehouse.server.pages;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.AddressChangeOutcome;
import dev.gatehouse.core.email.AddressChangeService;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.Throttle;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * {@code /account/email} asks to move the account to another address (current password required);
 * {@code /email/change/confirm} is where the link mailed to the new address lands: its token moves out
 * of the URL, and the change happens when the person presses the button.
 */
public final class AddressChangePages {
    private final Pages pages;
    private final AddressChangeService changes;
    private final Throttle throttle;

    public AddressChangePages(Pages pages, AddressChangeService changes, Throttle throttle) {
        this.pages = pages;
        this.changes = changes;
        this.throttle = throttle;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/account/email")
                .get(pages.html(this::showForm))
                .post(pages.html(this::request))
                .register(routing, io);
        Route.at("/email/change/confirm")
                .get(pages.html(this::showConfirm))
                .post(pages.html(this::confirm))
                .register(routing, io);
    }

    private void showForm(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        Optional<Notice> notice = Notice.named(request.query().first("notice").asOptional());
        sendForm(response, 200, caller, notice.map(Notice::flash).stream().toList());
    }

    private void request(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        String current = form.get("current_password").orElse("");
        String next = form.get("new_email").orElse("").strip();
        if (current.isEmpty() || next.isEmpty()) {
            sendForm(response, 400, caller, List.of(Flash.error("Enter the new address and your current password.")));
            return;
        }
        throttle.attempt(
                request,
                LimitedAction.EMAIL_LINK,
                Optional.of(caller.account().email().value()));
        AddressChangeOutcome outcome = changes.request(
                caller.account(),
                caller.session(),
                new Password(current),
                form.get("code").map(String::strip).filter(code -> !code.isEmpty()),
                next,
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case AddressChangeOutcome.Requested requested ->
                pages.renderer().redirect(response, "/account/email?notice=" + Notice.ADDRESS_CHANGE_SENT.parameter());
            case AddressChangeOutcome.WrongPassword wrong ->
                sendForm(response, 400, caller, List.of(Flash.error("The current password is incorrect.")));
            case AddressChangeOutcome.SecondFactorRequired stepUp ->
                sendForm(
                        response,
                        400,
                        caller,
                        List.of(Flash.error("Enter your current password and the code your authenticator app shows.")));
            case AddressChangeOutcome.Throttled throttled -> {
                response.header("Retry-After", Long.toString(Pages.seconds(throttled.retryAfter())));
                sendForm(response, 429, caller, List.of(Flash.error(Pages.throttledMessage(throttled.retryAfter()))));
            }
            case AddressChangeOutcome.InvalidEmail invalid ->
                sendForm(
                        response,
                        400,
                        caller,
                        List.of(Flash.error("That is not a usable e-mail address, or it is the account's own.")));
            case AddressChangeOutcome.Changed changed -> throw new IllegalStateException("changed before confirmed");
            case AddressChangeOutcome.InvalidToken invalid -> throw new IllegalStateException("no token was used");
        }
    }

    private void showConfirm(ServerRequest request, ServerResponse response) {
        Optional<String> presented = request.query().first("token").asOptional();
        if (presented.isPresent()) {
            response.header(HeaderNames.SET_COOKIE, LinkCookie.keep(presented.get()));
            pages.renderer().redirectWithoutReferrer(response, "/email/change/confirm");
            return;
        }
        sendConfirm(request, response, 200, List.of());
    }

    private void confirm(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        throttle.refuseAfterTooManyFailures(request, LimitedAction.EMAIL_TOKEN);
        Optional<String> token = LinkCookie.read(request);
        AddressChangeOutcome outcome = token.isEmpty()
                ? new AddressChangeOutcome.InvalidToken()
                : changes.confirm(token.get(), Actor.self(throttle.addresses().of(request)));
        response.header(HeaderNames.SET_COOKIE, LinkCookie.cleared());
        if (outcome instanceof AddressChangeOutcome.Changed) {
            pages.renderer().redirectWithoutReferrer(response, "/login?notice=" + Notice.ADDRESS_CHANGED.parameter());
            return;
        }
        throttle.failed(request, LimitedAction.EMAIL_TOKEN);
        sendConfirm(
                request,
                response,
                400,
                List.of(Flash.error("This link is unknown, used, replaced by a newer one or expired, or another"
                        + " account has that address now.")));
    }

    private void sendForm(ServerResponse response, int status, Caller caller, List<Flash> flashes) {
        pages.renderer()
                .send(
                        response,
                        status,
                        "account/email.jte",
                        new EmailPage(
                                pages.chrome("E-mail address", Optional.of(caller), flashes),
                                caller.account().email().value(),
                                caller.account().emailVerified(),
                                changes.needsSecondFactor(caller.session())));
    }

    private void sendConfirm(ServerRequest request, ServerResponse response, int status, List<Flash> flashes) {
        String csrf = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        status,
                        "verify/change.jte",
                        new ConfirmChangePage(
                                pages.chrome("Confirm your new address", Optional.empty(), flashes), csrf));
    }

    /** @param askCode the account has a second factor the session has not shown lately */
    public record EmailPage(PageChrome chrome, String email, boolean verified, boolean askCode) {}

    public record ConfirmChangePage(PageChrome chrome, String csrfToken) {}
}
