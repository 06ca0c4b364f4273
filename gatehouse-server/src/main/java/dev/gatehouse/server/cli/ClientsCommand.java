package dev.gatehouse.server.cli;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClient;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.jwt.Scopes;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.server.app.Gatehouse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse clients ...}: the apps and services that obtain or check tokens. */
@Command(
        name = "clients",
        mixinStandardHelpOptions = true,
        description = "Create, list and delete clients.",
        subcommands = {ClientsCommand.Create.class, ClientsCommand.ListClients.class, ClientsCommand.Delete.class})
final class ClientsCommand extends CommandGroup {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Register a client; a secret is shown once.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, description = "The client_id: 1 to 64 of A-Z a-z 0-9 . _ -")
        String id;

        @Option(
                names = "--type",
                required = true,
                description = "first-party, confidential, resource-server, web (OpenID Connect, with a secret)"
                        + " or public (OpenID Connect, SPA or native, no secret).")
        String type;

        @Option(
                names = "--redirect-uri",
                description = "For web and public clients: a redirect URI, matched exactly (repeatable).")
        List<String> redirectUris = new ArrayList<>();

        @Option(
                names = "--post-logout-redirect-uri",
                description = "For web and public clients: where the app may send the browser after sign-out"
                        + " (repeatable).")
        List<String> postLogoutRedirectUris = new ArrayList<>();

        @Option(
                names = "--backchannel-logout-uri",
                description = "For web and public clients: where logout tokens are posted (OpenID Connect"
                        + " Back-Channel Logout).")
        Optional<String> backchannelLogoutUri = Optional.empty();

        @Option(
                names = "--first-party",
                description = "For web and public clients: an app of your own, whose users are not asked to consent.")
        boolean firstParty;

        @Option(
                names = "--id-token-alg",
                description = "Web and public apps: sign their ID and logout tokens with RS256 (default) or ES256.")
        String idTokenAlgorithm;

        @Option(names = "--audience", description = "An audience its tokens are for (repeatable).")
        List<String> audiences = new ArrayList<>();

        @Option(
                names = "--grant",
                description = "login, refresh_token, client_credentials or token_exchange (repeatable)."
                        + " Default: first-party login+refresh_token+token_exchange, confidential client_credentials.")
        List<String> grants = new ArrayList<>();

        @Option(
                names = "--scope",
                description = "A scope its tokens may carry (repeatable). Default: any scope but the reserved `admin`.")
        List<String> scopes = new ArrayList<>();

        @Option(
                names = "--check-cookies",
                description = "For a resource server: may check browsers' cookie sessions by introspection.")
        boolean checkCookies;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<ClientType> clientType = parseType(type);
            if (clientType.isEmpty() || !ClientId.isValid(id)) {
                err.println(
                        clientType.isEmpty()
                                ? "--type must be first-party, confidential, resource-server, web or public."
                                : "--id must be 1 to 64 of A-Z a-z 0-9 . _ -");
                return 2;
            }
            if (ClientId.hasTheShapeOfAnAccountId(id)) {
                err.println(ClientId.SHAPE_OF_AN_ACCOUNT_ID);
                return 2;
            }
            Set<GrantType> grantTypes = EnumSet.noneOf(GrantType.class);
            for (String grant : grants) {
                Optional<GrantType> parsed = GrantType.fromWire(grant.replace('-', '_'));
                if (parsed.isEmpty()) {
                    err.println("Unknown grant '" + grant + "'.");
                    return 2;
                }
                grantTypes.add(parsed.get());
            }
            if (grants.isEmpty()) {
                grantTypes.addAll(GrantType.defaultsFor(clientType.get()));
            }
            if (audiences.stream().anyMatch(a -> a.isBlank() || a.chars().anyMatch(Character::isWhitespace))) {
                err.println("An --audience must not be empty or contain spaces.");
                return 2;
            }
            if (scopes.stream()
                    .anyMatch(scope -> Scopes.parse(scope)
                            .filter(s -> !s.isEmpty() && !s.contains(" "))
                            .isEmpty())) {
                err.println("A --scope is one scope token: printable ASCII without spaces, quotes or backslashes.");
                return 2;
            }
            if (checkCookies && clientType.get() != ClientType.RESOURCE_SERVER) {
                err.println("--check-cookies is for resource servers only.");
                return 2;
            }
            Optional<SigningAlgorithm> idTokenAlg = SignInRegistration.ID_TOKEN_ALGORITHMS.stream()
                    .filter(alg -> alg.name().equals(idTokenAlgorithm))
                    .findFirst();
            if (idTokenAlgorithm != null && idTokenAlg.isEmpty()) {
                err.println("--id-token-alg must be RS256 or ES256.");
                return 2;
            }
            SignInRegistration signIn = new SignInRegistration(
                    redirectUris, postLogoutRedirectUris, backchannelLogoutUri, firstParty, idTokenAlg);
            Optional<String> problem = signIn.problem(clientType.get());
            if (problem.isPresent()) {
                err.println(problem.get());
                return 2;
            }
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                Optional<NewClient> created = gatehouse
                        .admin()
                        .createClient(
                                new ClientId(id),
                                clientType.get(),
                                new NewClientSettings(grantTypes, audiences, Set.copyOf(scopes), checkCookies, signIn),
                                Actor.CLI);
                if (created.isEmpty()) {
                    err.println("A client with that id exists already.");
                    return 1;
                }
                out.println("Created " + describe(created.get().client()));
                created.get().secret().ifPresent(secret -> {
                    out.println("client_secret: " + secret);
                    out.println("This secret is shown once and stored only as a keyed hash: keep it now.");
                });
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List clients.")
    static final class ListClients implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                List<Client> clients = gatehouse.clients().list();
                clients.forEach(c -> spec.commandLine().getOut().println(describe(c)));
                spec.commandLine().getOut().println(clients.size() + " client(s)");
                return 0;
            }
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a client and end every login made through it.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, description = "The client_id.")
        String id;

        @Override
        public Integer call() {
            try (Gatehouse gatehouse = Environment.open(Environment.config())) {
                if (ClientId.parse(id)
                        .filter(clientId -> gatehouse.admin().deleteClient(clientId, Actor.CLI))
                        .isEmpty()) {
                    spec.commandLine().getErr().println("No client with that id.");
                    return 1;
                }
                spec.commandLine().getOut().println("Deleted client " + id + " and ended its logins");
                return 0;
            }
        }
    }

    private static Optional<ClientType> parseType(String text) {
        try {
            return Optional.of(ClientType.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describe(Client client) {
        return "%s (%s) grants=[%s] audiences=%s scopes=%s%s%s"
                .formatted(
                        client.id(),
                        client.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        client.grants().stream()
                                .map(GrantType::wireName)
                                .sorted()
                                .collect(Collectors.joining(", ")),
                        client.audiences(),
                        client.scopes().isEmpty()
                                ? "any"
                                : client.scopes().stream().sorted().toList(),
                        client.sessionIntrospection() ? " checks-cookies" : "",
                        client.type().signsInThroughBrowser()
                                ? " redirect_uris=" + client.signIn().redirectUris()
                                        + (client.signIn().firstParty() ? " first-party" : "")
                                        + client.signIn()
                                                .idTokenAlgorithm()
                                                .map(alg -> " id_token_alg=" + alg)
                                                .orElse("")
                                : "");
    }
}
