package dev.gatehouse.server.pages;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.factor.ConfirmOutcome;
import dev.gatehouse.core.factor.Factors;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.factor.TotpEnrolment;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.Throttle;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * The account's second factor under {@code /account/factors}: set up an authenticator app (a QR code and
 * the secret as text, confirmed by a first code), see how many recovery codes are left, make new ones,
 * remove the app. Adding, removing and new codes are sensitive acts: they ask for a recent authentication
 * ({@link Reauthentication}, with the second factor when there is one).
 */
public final class FactorPages {
    private final Pages pages;
    private final SecondFactorService factors;
    private final Reauthentication reauthentication;
    private final Throttle throttle;

    public FactorPages(Pages pages, StepUpService stepUps, SecondFactorService factors, Throttle throttle) {
        this.pages = pages;
        this.factors = factors;
        this.reauthentication = new Reauthentication(stepUps, StepUpService.STEP_UP_WINDOW);
        this.throttle = throttle;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/account/factors").get(pages.html(this::show)).register(routing, io);
        Route.at("/account/factors/totp").post(pages.html(this::beginTotp)).register(routing, io);
        Route.at("/account/factors/totp/confirm")
                .post(pages.html(this::confirmTotp))
                .register(routing, io);
        Route.at("/account/factors/totp/remove")
                .post(pages.html(this::removeTotp))
                .register(routing, io);
        Route.at("/account/factors/recovery-codes")
                .post(pages.html(this::regenerate))
                .register(routing, io);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        List<Flash> flashes = Notice.named(request.query().first("notice").asOptional()).stream()
                .map(Notice::flash)
                .toList();
        sendOverview(response, 200, caller, flashes);
    }

    private void beginTotp(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        if (refused(response, caller, form, request)) {
            return;
        }
        Optional<TotpEnrolment> enrolment = factors.beginTotp(caller.account());
        if (enrolment.isEmpty()) {
            pages.renderer().redirect(response, "/account/factors");
            return;
        }
        sendEnrolment(response, 200, caller, enrolment.get(), List.of());
    }

    private void confirmTotp(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        String code = form.get("code").orElse("");
        throttle.attempt(
                request,
                dev.gatehouse.core.limit.LimitedAction.PASSWORD_CHANGE,
                Optional.of(caller.account().email().value()));
        switch (factors.confirmTotp(caller.account().id(), code, self(request))) {
            case ConfirmOutcome.Confirmed confirmed ->
                sendCodes(response, caller, confirmed.recoveryCodes(), "Your authenticator app is set up.");
            case ConfirmOutcome.WrongCode wrong -> {
                Optional<TotpEnrolment> again = factors.pendingEnrolment(caller.account());
                if (again.isEmpty()) {
                    pages.renderer().redirect(response, "/account/factors");
                    return;
                }
                sendEnrolment(
                        response,
                        400,
                        caller,
                        again.get(),
                        List.of(Flash.error("That code is not right. Check that your phone's clock is set"
                                + " automatically, then type the code the app shows now.")));
            }
            case ConfirmOutcome.NothingToConfirm nothing -> pages.renderer().redirect(response, "/account/factors");
        }
    }

    private void removeTotp(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        if (refused(response, caller, form, request)) {
            return;
        }
        factors.removeTotp(caller.account().id(), self(request));
        pages.renderer().redirect(response, "/account/factors?notice=" + Notice.FACTOR_REMOVED.parameter());
    }

    private void regenerate(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        if (refused(response, caller, form, request)) {
            return;
        }
        Optional<List<String>> codes =
                factors.regenerateRecoveryCodes(caller.account().id(), self(request));
        if (codes.isEmpty()) {
            pages.renderer().redirect(response, "/account/factors");
            return;
        }
        sendCodes(response, caller, codes.get(), "New recovery codes are made; the old ones no longer work.");
    }

    /** True (and the overview sent again with why) when the act needs a step-up the form did not bring. */
    private boolean refused(ServerResponse response, Caller caller, FormBody form, ServerRequest request) {
        Optional<Reauthentication.Refusal> refusal = reauthentication.check(caller, form, self(request));
        if (refusal.isEmpty()) {
            return false;
        }
        refusal.get()
                .retryAfter()
                .ifPresent(wait -> response.header("Retry-After", Long.toString(Pages.seconds(wait))));
        sendOverview(response, refusal.get().status(), caller, refusal.get().flashes());
        return true;
    }

    private void sendOverview(ServerResponse response, int status, Caller caller, List<Flash> flashes) {
        pages.renderer()
                .send(
                        response,
                        status,
                        "account/factors.jte",
                        new FactorsPage(
                                pages.chrome("Second factor", Optional.of(caller), flashes),
                                factors.factors(caller.account().id()),
                                reauthentication.required(caller)));
    }

    private void sendEnrolment(
            ServerResponse response, int status, Caller caller, TotpEnrolment enrolment, List<Flash> flashes) {
        response.header("Cache-Control", "no-store");
        pages.renderer()
                .send(
                        response,
                        status,
                        "account/totpEnrol.jte",
                        new EnrolPage(
                                pages.chrome("Set up an authenticator app", Optional.of(caller), flashes),
                                grouped(enrolment.secret()),
                                QrSvg.of(enrolment.keyUri())));
    }

    private void sendCodes(ServerResponse response, Caller caller, List<String> codes, String message) {
        response.header("Cache-Control", "no-store");
        pages.renderer()
                .send(
                        response,
                        200,
                        "account/recoveryCodes.jte",
                        new RecoveryCodesPage(
                                pages.chrome("Recovery codes", Optional.of(caller), List.of(Flash.success(message))),
                                codes));
    }

    /** The secret in groups of four, easier to type into an app by hand. */
    static String grouped(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }

    private Actor self(ServerRequest request) {
        return Actor.self(throttle.addresses().of(request));
    }

    /** @param stepUpNeeded the forms for sensitive acts must carry the password (and code) again */
    public record FactorsPage(PageChrome chrome, Factors factors, boolean stepUpNeeded) {}

    /** @param secret the base32 secret, grouped for typing */
    public record EnrolPage(PageChrome chrome, String secret, QrSvg qr) {}

    /** Shown once: only hashes are kept. */
    public record RecoveryCodesPage(PageChrome chrome, List<String> codes) {}
}
