package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClient;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.jwt.Scopes;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.ProblemType;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.pages.Flash;
import dev.gatehouse.server.pages.PageChrome;
import dev.gatehouse.server.pages.PageDates;
import dev.gatehouse.server.pages.Reauthentication;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/clients}: the registered clients, registering one (its secret shown once, on the page
 * that answers the form, and never again) and deleting one (which ends every login made through it).
 */
public final class ClientPages {
    private final AdminConsole console;
    private final AdminService admin;
    private final ClientService clients;
    private final RefreshService refreshTokens;

    ClientPages(AdminConsole console, AdminService admin, ClientService clients, RefreshService refreshTokens) {
        this.console = console;
        this.admin = admin;
        this.clients = clients;
        this.refreshTokens = refreshTokens;
    }

    void register(HttpRouting.Builder routing, HttpIo io) {
        var pages = console.pages();
        Route.at("/admin/clients")
                .get(pages.html(this::list))
                .post(pages.html(this::create))
                .register(routing, io);
        Route.at("/admin/clients/new").get(pages.html(this::showForm)).register(routing, io);
        Route.at("/admin/clients/{id}/delete")
                .get(pages.html(this::confirmDelete))
                .post(pages.html(this::delete))
                .register(routing, io);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        console.send(
                response,
                200,
                "admin/clients.jte",
                new ClientListPage(
                        console.chrome("Clients", caller, request),
                        clients.list().stream().map(ClientRow::of).toList()));
    }

    private void showForm(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        sendForm(request, response, 200, caller, ClientForm.EMPTY, List.of());
    }

    /**
     * Registers the client and answers with the page that shows its secret: rendered here, not behind a
     * redirect, so the one copy never waits on the server for a second request (nor on another node of a
     * cluster). A reload posts the form again, which the taken id refuses; the page is never cached.
     */
    private void create(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = console.requireAdmin(request, form);
        ClientForm entered = ClientForm.of(form);
        Optional<String> problem = entered.problem();
        if (problem.isPresent()) {
            sendForm(request, response, 400, caller, entered, List.of(Flash.error(problem.get())));
            return;
        }
        Optional<Reauthentication.Refusal> refused = console.reauthenticate(request, response, caller, form);
        if (refused.isPresent()) {
            sendForm(
                    request,
                    response,
                    refused.get().status(),
                    caller,
                    entered,
                    refused.get().flashes());
            return;
        }
        ClientType type = entered.clientType().orElseThrow();
        Set<GrantType> grants = entered.grantTypes().isEmpty() ? GrantType.defaultsFor(type) : entered.grantTypes();
        Optional<NewClient> created = admin.createClient(
                new ClientId(entered.id()),
                type,
                new NewClientSettings(
                        grants,
                        entered.audienceList(),
                        Set.copyOf(entered.scopeList()),
                        entered.checkCookies(),
                        entered.signIn()),
                console.actor(request, caller));
        if (created.isEmpty()) {
            sendForm(
                    request,
                    response,
                    409,
                    caller,
                    entered,
                    List.of(Flash.error(
                            "A client with the id " + entered.id() + " exists already; choose another id.")));
            return;
        }
        console.send(
                response,
                200,
                "admin/clientCreated.jte",
                new CreatedPage(
                        console.chrome(
                                "Client created",
                                caller,
                                request,
                                List.of(Flash.success("The client " + entered.id() + " is registered."))),
                        ClientRow.of(created.get().client()),
                        created.get().secret()));
    }

    private void sendForm(
            ServerRequest request,
            ServerResponse response,
            int status,
            Caller caller,
            ClientForm entered,
            List<Flash> flashes) {
        console.send(
                response,
                status,
                "admin/clientNew.jte",
                new NewClientPage(
                        console.chrome("New client", caller, request, flashes),
                        entered,
                        console.reauthentication().required(caller)));
    }

    private void confirmDelete(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        Client client = client(request);
        int logins = refreshTokens.familiesOfClient(client.id()).size();
        console.send(
                response,
                200,
                "admin/confirm.jte",
                new ConfirmPage(
                        console.chrome("Delete client " + client.id().value(), caller, request),
                        "Delete the client " + client.id().value() + "?",
                        List.of(
                                "Every login made through it ends now: "
                                        + (logins == 1 ? "1 token login" : logins + " token logins")
                                        + ", with their sessions, refresh tokens and access tokens.",
                                "Its secret stops working at once, and its other tokens are refused by Gatehouse at"
                                        + " once and expire at other verifiers within their lifetime.",
                                "This cannot be undone; a client registered later under the same id inherits nothing."),
                        "/admin/clients/" + client.id().value() + "/delete",
                        "Delete this client",
                        true,
                        false,
                        "/admin/clients",
                        "delete-client-form"));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = console.requireAdmin(request, form);
        Client client = client(request);
        admin.deleteClient(client.id(), console.actor(request, caller));
        console.redirect(response, "/admin/clients", AdminNotice.CLIENT_DELETED);
    }

    private Client client(ServerRequest request) {
        return ClientId.parse(request.path().pathParameters().get("id"))
                .flatMap(id -> clients.find(id.value()))
                .orElseThrow(() -> AdminConsole.notFound(
                        ProblemType.CLIENT_NOT_FOUND, "There is no client with that id; it may have been deleted."));
    }

    public record ClientListPage(PageChrome chrome, List<ClientRow> clients) {}

    public record NewClientPage(PageChrome chrome, ClientForm form, boolean askPassword) {}

    /** @param secret the one copy of the client's secret; empty for a first-party client, which has none */
    public record CreatedPage(PageChrome chrome, ClientRow client, Optional<String> secret) {
        @Override
        public String toString() {
            return "CreatedPage[" + client.id() + ", secret " + (secret.isPresent() ? "[redacted]" : "none") + "]";
        }
    }

    /** One client as the console shows it; never its secret or hash. */
    public record ClientRow(
            String id,
            String type,
            List<String> grants,
            List<String> audiences,
            List<String> scopes,
            boolean sessionIntrospection,
            String createdAt) {
        static ClientRow of(Client client) {
            return new ClientRow(
                    client.id().value(),
                    ClientForm.typeName(client.type()),
                    client.grants().stream()
                            .map(g -> g.name().toLowerCase(Locale.ROOT))
                            .sorted()
                            .toList(),
                    client.audiences(),
                    client.scopes().stream().sorted().toList(),
                    client.sessionIntrospection(),
                    PageDates.format(client.createdAt()));
        }
    }

    /**
     * The registration form as typed, kept to show it again with its error. The same choices as
     * {@code gatehouse clients create}: no grant ticked means the type's defaults.
     *
     * @param audiences and {@code scopes}: separated by spaces or commas
     * @param redirectUris and {@code postLogoutRedirectUris}: separated by spaces (web and public clients)
     */
    public record ClientForm(
            String id,
            String type,
            Set<GrantType> grantTypes,
            String audiences,
            String scopes,
            boolean checkCookies,
            String redirectUris,
            String postLogoutRedirectUris,
            String backchannelLogoutUri,
            boolean firstParty,
            String idTokenAlgorithm) {
        static final ClientForm EMPTY = new ClientForm("", "", Set.of(), "", "", false, "", "", "", false, "");

        public ClientForm {
            grantTypes = Set.copyOf(grantTypes);
        }

        static ClientForm of(FormBody form) {
            Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
            for (GrantType grant : GrantType.values()) {
                if (form.get(grantField(grant)).isPresent()) {
                    grants.add(grant);
                }
            }
            return new ClientForm(
                    form.get("client_id").map(String::strip).orElse(""),
                    form.get("type").orElse(""),
                    grants,
                    form.get("audiences").orElse(""),
                    form.get("scopes").orElse(""),
                    form.get("check_cookies").isPresent(),
                    form.get("redirect_uris").orElse(""),
                    form.get("post_logout_redirect_uris").orElse(""),
                    form.get("backchannel_logout_uri").map(String::strip).orElse(""),
                    form.get("first_party").isPresent(),
                    form.get("id_token_alg").orElse(""));
        }

        /** The browser sign-in registration of a web or public client; {@link SignInRegistration#NONE} for others. */
        SignInRegistration signIn() {
            if (clientType().filter(ClientType::signsInThroughBrowser).isEmpty()
                    && redirectUris.isBlank()
                    && postLogoutRedirectUris.isBlank()
                    && backchannelLogoutUri.isBlank()
                    && !firstParty
                    && idTokenAlgorithm.isEmpty()) {
                return SignInRegistration.NONE;
            }
            return new SignInRegistration(
                    Arrays.stream(redirectUris.split("\\s+"))
                            .filter(w -> !w.isEmpty())
                            .distinct()
                            .toList(),
                    Arrays.stream(postLogoutRedirectUris.split("\\s+"))
                            .filter(w -> !w.isEmpty())
                            .distinct()
                            .toList(),
                    Optional.of(backchannelLogoutUri).filter(uri -> !uri.isEmpty()),
                    firstParty,
                    idTokenAlgorithmChoice());
        }

        /** The chosen ID token algorithm; empty for the default (RS256) or an unknown value. */
        private Optional<SigningAlgorithm> idTokenAlgorithmChoice() {
            return SignInRegistration.ID_TOKEN_ALGORITHMS.stream()
                    .filter(alg -> alg.name().equals(idTokenAlgorithm))
                    .findFirst();
        }

        /** Each grant is a checkbox of its own: a form body may not repeat a name. */
        public static String grantField(GrantType grant) {
            return "grant_" + grant.name().toLowerCase(Locale.ROOT);
        }

        public boolean has(GrantType grant) {
            return grantTypes.contains(grant);
        }

        public static List<GrantType> allGrants() {
            return List.of(GrantType.values());
        }

        static String typeName(ClientType type) {
            return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        Optional<ClientType> clientType() {
            return Arrays.stream(ClientType.values())
                    .filter(t -> typeName(t).equals(type))
                    .findFirst();
        }

        List<String> audienceList() {
            return words(audiences);
        }

        List<String> scopeList() {
            return words(scopes);
        }

        private static List<String> words(String text) {
            return Arrays.stream(text.split("[\\s,]+"))
                    .filter(w -> !w.isEmpty())
                    .distinct()
                    .toList();
        }

        /** What is wrong with the form, in words for the person who filled it in; empty when nothing. */
        Optional<String> problem() {
            if (!ClientId.isValid(id)) {
                return Optional.of("The client id must be 1 to 64 letters, digits, dots, dashes or underscores.");
            }
            if (ClientId.hasTheShapeOfAnAccountId(id)) {
                return Optional.of(ClientId.SHAPE_OF_AN_ACCOUNT_ID);
            }
            if (clientType().isEmpty()) {
                return Optional.of("Choose what kind of client this is.");
            }
            if (scopeList().stream()
                    .anyMatch(scope -> Scopes.parse(scope)
                            .filter(s -> !s.isEmpty() && !s.contains(" "))
                            .isEmpty())) {
                return Optional.of("A scope is printable ASCII without quotes or backslashes.");
            }
            if (checkCookies && clientType().get() != ClientType.RESOURCE_SERVER) {
                return Optional.of("Only a resource server may check browsers' cookie sessions.");
            }
            if (!idTokenAlgorithm.isEmpty() && idTokenAlgorithmChoice().isEmpty()) {
                return Optional.of("ID tokens are signed with RS256 or ES256.");
            }
            return signIn().problem(clientType().get());
        }
    }
}
