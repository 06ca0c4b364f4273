package dev.gatehouse.core.oidc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.session.Session;
import java.util.Optional;

/**
 * OpenID Connect RP-Initiated Logout 1.0: which app asks, whether its {@code id_token_hint} is ours,
 * and whether the browser may be sent on to {@code post_logout_redirect_uri} — only a URI that app
 * registered, character for character, or Gatehouse would be an open redirector.
 */
public final class EndSessionService {
    private final ClientService clients;
    private final IdTokens idTokens;

    public EndSessionService(ClientService clients, IdTokens idTokens) {
        this.clients = clients;
        this.idTokens = idTokens;
    }

    public EndSessionCheck check(
            Optional<String> idTokenHint,
            Optional<String> clientId,
            Optional<String> postLogoutRedirectUri,
            Optional<String> state) {
        Optional<IdTokenHint> hint = idTokenHint.flatMap(idTokens::readHint);
        if (hint.isPresent()
                && clientId.isPresent()
                && !clientId.get().equals(hint.get().clientId())) {
            // Section 2: client_id, when sent with a hint, must be the hint's audience.
            return new EndSessionCheck.Refused("The client_id is not the one the ID token was issued to.");
        }
        Optional<Client> client = hint.map(IdTokenHint::clientId)
                .or(() -> clientId)
                .flatMap(clients::find)
                .filter(Client::signsInThroughBrowser);
        if (postLogoutRedirectUri.isPresent()
                && client.filter(c -> c.signIn().allowsPostLogoutRedirect(postLogoutRedirectUri.get()))
                        .isEmpty()) {
            return new EndSessionCheck.Refused(
                    "The post_logout_redirect_uri is not registered for the app that sent you here.");
        }
        return new EndSessionCheck.Valid(client, hint, postLogoutRedirectUri, state);
    }

    /**
     * Whether the hint proves the app asks to end this very session, so no confirmation is needed
     * (section 2: the OP should ask the user otherwise).
     */
    public static boolean hintNames(EndSessionCheck.Valid request, Session session) {
        return request.hint()
                .filter(hint -> hint.subject().equals(session.accountId().value())
                        && hint.sessionId().filter(session.id().value()::equals).isPresent())
                .isPresent();
    }
}
