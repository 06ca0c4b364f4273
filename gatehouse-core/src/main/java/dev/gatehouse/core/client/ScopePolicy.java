package dev.gatehouse.core.client;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.jwt.Scopes;
import java.util.List;
import java.util.Optional;

/**
 * Which scopes a grant may put into an access token: the one rule every grant goes through, so that
 * asking is never having. A client registered with a list of scopes gets only those. The reserved
 * {@code admin} scope, which resource servers (and Gatehouse's admin API) read as "administrator",
 * goes only to an administrator's own login through a first-party app or the administrator's own
 * browser session, and to a client acting for itself only when it was registered with that scope.
 */
public final class ScopePolicy {
    public static final String ADMIN = "admin";

    private ScopePolicy() {}

    /** What became of a request for scopes. */
    public sealed interface Decision {
        record Granted(String scope) implements Decision {}

        /** @param detail for the client: which scope and why, never anything about the account */
        record Refused(String detail) implements Decision {}
    }

    /** A user's grant (password login by an app, or a session exchanged for a token) via {@code client}. */
    public static Decision forUser(Client client, Account account, String requested) {
        List<String> scopes = Scopes.split(requested);
        Optional<Decision> notRegistered = lookAlike(scopes).or(() -> notRegistered(client, scopes));
        if (notRegistered.isPresent()) {
            return notRegistered.get();
        }
        if (scopes.contains(ADMIN) && !(account.isAdmin() && client.type() == ClientType.FIRST_PARTY)) {
            return new Decision.Refused("The admin scope is only for administrators, through a first-party app.");
        }
        return new Decision.Granted(requested);
    }

    /** A client acting for itself (client credentials). */
    public static Decision forClient(Client client, String requested) {
        List<String> scopes = Scopes.split(requested);
        Optional<Decision> notRegistered = lookAlike(scopes).or(() -> notRegistered(client, scopes));
        if (notRegistered.isPresent()) {
            return notRegistered.get();
        }
        if (scopes.contains(ADMIN) && !client.scopes().contains(ADMIN)) {
            return new Decision.Refused("The admin scope is not for clients acting for themselves.");
        }
        return new Decision.Granted(requested);
    }

    /** Whether a token's scope string carries {@code scope}. */
    public static boolean carries(String tokenScope, String scope) {
        return Scopes.split(tokenScope).contains(scope);
    }

    /**
     * Scopes are case-sensitive (RFC 6749 section 3.3), but a resource server that compares them
     * without case would read {@code ADMIN} as the reserved scope: no case variant of it is granted.
     */
    private static Optional<Decision> lookAlike(List<String> scopes) {
        return scopes.stream()
                .filter(scope -> scope.equalsIgnoreCase(ADMIN) && !scope.equals(ADMIN))
                .findFirst()
                .map(scope -> new Decision.Refused("'" + scope + "' is reserved, like 'admin'."));
    }

    private static Optional<Decision> notRegistered(Client client, List<String> scopes) {
        if (client.scopes().isEmpty()) {
            return Optional.empty();
        }
        return scopes.stream()
                .filter(scope -> !client.scopes().contains(scope))
                .findFirst()
                .map(scope -> new Decision.Refused("This client may not ask for the scope '" + scope + "'."));
    }
}
