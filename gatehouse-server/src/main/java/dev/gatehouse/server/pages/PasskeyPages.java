package dev.gatehouse.server.pages;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.login.StepUpOutcome;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.Passkey;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.passkey.RegistrationOutcome;
import dev.gatehouse.core.passkey.RegistrationResponse;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.PasskeyCookie;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.Throttle;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The account's passkeys under {@code /account/passkeys}: list them, add one (named), remove one. Adding
 * and removing are sensitive acts: they ask for a recent authentication with the second factor, which
 * this page takes itself ({@code /account/passkeys/step-up}) as a passkey, or as the password and the
 * authenticator app's code. The WebAuthn calls are the page script's; its {@code options} requests carry
 * the form's CSRF token and get the challenge's binding in a {@link PasskeyCookie}.
 */
public final class PasskeyPages {
    private static final String PAGE = "/account/passkeys";

    private final Pages pages;
    private final StepUpService stepUps;
    private final PasskeyService passkeys;
    private final SecondFactorService factors;
    private final Reauthentication reauthentication;
    private final Throttle throttle;
    private final HttpIo io;
    private final String rpId;

    /** @param rpId the relying party id: the issuer's host */
    public PasskeyPages(
            Pages pages,
            StepUpService stepUps,
            PasskeyService passkeys,
            SecondFactorService factors,
            Throttle throttle,
            HttpIo io,
            String rpId) {
        this.pages = pages;
        this.stepUps = stepUps;
        this.passkeys = passkeys;
        this.factors = factors;
        this.reauthentication = new Reauthentication(stepUps, StepUpService.STEP_UP_WINDOW);
        this.throttle = throttle;
        this.io = io;
        this.rpId = rpId;
    }

    public void register(HttpRouting.Builder routing) {
        Route.at(PAGE).get(pages.html(this::show)).post(pages.html(this::add)).register(routing, io);
        Route.at(PAGE + "/options").post(pages.html(this::creationOptions)).register(routing, io);
        Route.at(PAGE + "/remove").post(pages.html(this::remove)).register(routing, io);
        Route.at(PAGE + "/rename").post(pages.html(this::rename)).register(routing, io);
        Route.at(PAGE + "/step-up/options")
                .post(pages.html(this::stepUpOptions))
                .register(routing, io);
        Route.at(PAGE + "/step-up").post(pages.html(this::stepUp)).register(routing, io);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        List<Flash> flashes = Notice.named(request.query().first("notice").asOptional()).stream()
                .map(Notice::flash)
                .toList();
        send(response, 200, caller, flashes);
    }

    private void creationOptions(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request, FormBody.read(request));
        if (stepUpMissing(response, caller)) {
            return;
        }
        // Each start stores a challenge: counted like a sign-in attempt, so no session can pile them up.
        throttle.attempt(
                request,
                LimitedAction.LOGIN,
                Optional.of(caller.account().email().value()));
        var start = passkeys.beginRegistration(caller.account().id());
        response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.set(start.bindingToken()));
        io.json(
                response,
                200,
                PasskeyOptions.creation(
                        start,
                        rpId,
                        Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(PasskeyService.userHandle(
                                        caller.account().id())),
                        caller.account().email().value()));
    }

    private void add(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        if (stepUpMissing(response, caller)) {
            return;
        }
        Optional<String> binding = PasskeyCookie.read(request);
        Optional<RegistrationResponse> answer = PasskeyFields.registration(form);
        response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.cleared());
        if (binding.isEmpty() || answer.isEmpty()) {
            send(response, 400, caller, List.of(Flash.error("The browser sent no passkey. Try again.")));
            return;
        }
        String name = form.get("name").orElse("Passkey");
        switch (passkeys.finishRegistration(caller.account().id(), binding.get(), name, answer.get(), self(request))) {
            case RegistrationOutcome.Registered registered ->
                pages.renderer().redirect(response, PAGE + "?notice=" + Notice.PASSKEY_ADDED.parameter());
            case RegistrationOutcome.ChallengeRefused refused ->
                send(response, 400, caller, List.of(Flash.error("That took too long or was sent twice. Try again.")));
            case RegistrationOutcome.Refused refused ->
                send(
                        response,
                        400,
                        caller,
                        List.of(Flash.error("That passkey was not accepted (" + refused.reason() + ").")));
        }
    }

    private void remove(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        if (stepUpMissing(response, caller)) {
            return;
        }
        Optional<PasskeyId> id = form.get("passkey").flatMap(PasskeyPages::passkeyId);
        if (id.isEmpty() || !passkeys.remove(caller.account().id(), id.get(), self(request))) {
            send(response, 404, caller, List.of(Flash.error("No such passkey on your account.")));
            return;
        }
        pages.renderer().redirect(response, PAGE + "?notice=" + Notice.PASSKEY_REMOVED.parameter());
    }

    /** A new name is only a label for the person: no step-up asked. */
    private void rename(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        Optional<PasskeyId> id = form.get("passkey").flatMap(PasskeyPages::passkeyId);
        if (id.isEmpty()
                || !passkeys.rename(
                        caller.account().id(), id.get(), form.get("name").orElse(""))) {
            send(
                    response,
                    400,
                    caller,
                    List.of(Flash.error(
                            "Give the passkey a name of 1 to " + Passkey.MAXIMUM_NAME_LENGTH + " characters.")));
            return;
        }
        pages.renderer().redirect(response, PAGE + "?notice=" + Notice.PASSKEY_RENAMED.parameter());
    }

    private void stepUpOptions(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request, FormBody.read(request));
        throttle.attempt(
                request,
                LimitedAction.LOGIN,
                Optional.of(caller.account().email().value()));
        var start = passkeys.beginSecondFactor(caller.account().id());
        response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.set(start.bindingToken()));
        // Without the password, the authenticator's own PIN or biometric is the second factor.
        io.json(response, 200, PasskeyOptions.request(start, rpId, "required"));
    }

    /** A passkey (user verified), or else the password with the app's code when there is one. */
    private void stepUp(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        Actor actor = self(request);
        if (PasskeyFields.hasAssertion(form)) {
            Optional<String> binding = PasskeyCookie.read(request);
            Optional<AssertionResponse> answer = PasskeyFields.assertion(form);
            response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.cleared());
            StepUpOutcome outcome = binding.isEmpty() || answer.isEmpty()
                    ? new StepUpOutcome.Refused()
                    : stepUps.stepUpWithPasskey(caller.account(), caller.session(), binding.get(), answer.get(), actor);
            switch (outcome) {
                case StepUpOutcome.Confirmed confirmed -> stepped(response);
                case StepUpOutcome.Refused refused ->
                    send(response, 400, caller, List.of(Notice.PASSKEY_REFUSED.flash()));
                case StepUpOutcome.Throttled throttled -> {
                    response.header("Retry-After", Long.toString(Pages.seconds(throttled.retryAfter())));
                    send(response, 429, caller, List.of(Flash.error(Pages.throttledMessage(throttled.retryAfter()))));
                }
            }
            return;
        }
        Optional<Reauthentication.Refusal> refusal = reauthentication.check(caller, form, actor);
        if (refusal.isPresent()) {
            refusal.get()
                    .retryAfter()
                    .ifPresent(wait -> response.header("Retry-After", Long.toString(Pages.seconds(wait))));
            send(response, refusal.get().status(), caller, refusal.get().flashes());
            return;
        }
        stepped(response);
    }

    private void stepped(ServerResponse response) {
        pages.renderer().redirect(response, PAGE + "?notice=" + Notice.STEPPED_UP.parameter());
    }

    /** True (and the page sent again with why) when the session has not shown its second factor lately. */
    private boolean stepUpMissing(ServerResponse response, Caller caller) {
        if (!reauthentication.required(caller)) {
            return false;
        }
        send(
                response,
                403,
                caller,
                List.of(Flash.error("Confirm it is you first: your last sign-in was more than "
                        + reauthentication.windowText() + " ago.")));
        return true;
    }

    private void send(ServerResponse response, int status, Caller caller, List<Flash> flashes) {
        List<PasskeyRow> rows = passkeys.passkeys(caller.account().id()).stream()
                .map(PasskeyRow::of)
                .toList();
        pages.renderer()
                .send(
                        response,
                        status,
                        "account/passkeys.jte",
                        new PasskeysPage(
                                pages.chrome("Passkeys", Optional.of(caller), flashes),
                                rows,
                                reauthentication.required(caller),
                                factors.factors(caller.account().id()).totp()));
    }

    private static Optional<PasskeyId> passkeyId(String value) {
        try {
            return Optional.of(new PasskeyId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Actor self(ServerRequest request) {
        return Actor.self(throttle.addresses().of(request));
    }

    /**
     * @param stepUpNeeded adding and removing wait until the person confirms it is them
     * @param totp whether the password step-up asks for the authenticator app's code as well
     */
    public record PasskeysPage(PageChrome chrome, List<PasskeyRow> passkeys, boolean stepUpNeeded, boolean totp) {}

    /** @param synced the BE flag: the passkey may be copied to the person's other devices */
    public record PasskeyRow(String id, String name, String createdAt, String lastUsedAt, boolean synced) {
        static PasskeyRow of(Passkey passkey) {
            return new PasskeyRow(
                    passkey.id().value(),
                    passkey.name(),
                    PageDates.format(passkey.createdAt()),
                    passkey.lastUsedAt().map(PageDates::format).orElse("never"),
                    passkey.synced());
        }
    }
}
