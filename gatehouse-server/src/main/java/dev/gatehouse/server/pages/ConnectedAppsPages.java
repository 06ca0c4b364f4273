package dev.gatehouse.server.pages;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.Consent;
import dev.gatehouse.core.oidc.ConsentService;
import dev.gatehouse.jwt.Scopes;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.ClientAddresses;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * {@code /account/apps}: the apps the person allowed to sign them in (their consents), each of which
 * they may disconnect — which forgets the consent and ends the app's refresh tokens, in the use case.
 */
public final class ConnectedAppsPages {
    private final Pages pages;
    private final ConsentService consents;
    private final ClientAddresses addresses;

    public ConnectedAppsPages(Pages pages, ConsentService consents, ClientAddresses addresses) {
        this.pages = pages;
        this.consents = consents;
        this.addresses = addresses;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/account/apps").get(pages.html(this::list)).register(routing, io);
        Route.at("/account/apps/{client}/disconnect")
                .post(pages.html(this::disconnect))
                .register(routing, io);
    }

    /** The page: one row per connected app. */
    public record AppsPage(PageChrome chrome, List<AppRow> apps) {}

    /** An app, the scopes it was allowed and since when. */
    public record AppRow(String clientId, List<String> scopes, String grantedAt) {
        static AppRow of(Consent consent) {
            return new AppRow(
                    consent.clientId().value(), Scopes.split(consent.scope()), PageDates.format(consent.grantedAt()));
        }
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        List<Flash> flashes = Notice.named(request.query().first("notice").asOptional()).stream()
                .map(Notice::flash)
                .toList();
        pages.renderer()
                .send(
                        response,
                        200,
                        "account/apps.jte",
                        new AppsPage(
                                pages.chrome("Connected apps", Optional.of(caller), flashes),
                                consents.connectedApps(caller.account().id()).stream()
                                        .map(AppRow::of)
                                        .toList()));
    }

    private void disconnect(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        // An app already disconnected (in another tab, say) is no error: it is gone, as asked.
        ClientId.parse(request.path().pathParameters().get("client"))
                .ifPresent(client -> consents.revoke(
                        caller.account().id(),
                        client,
                        Actor.self(addresses.details(request).ipAddress())));
        pages.renderer().redirect(response, "/account/apps?notice=" + Notice.APP_DISCONNECTED.parameter());
    }
}
