package dev.gatehouse.core.oidc;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.jwt.Scopes;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consent: what a user agreed an app that is not first-party may have, remembered per account,
 * client and scopes, and the "connected apps" the account page lists and disconnects.
 */
public final class ConsentService {
    private final ConsentStore store;
    private final RefreshService refreshTokens;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public ConsentService(
            ConsentStore store,
            RefreshService refreshTokens,
            AuditTrail audit,
            Transactions transactions,
            Clock clock) {
        this.store = store;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Whether the user must be asked: never for a first-party client; always when the request says
     * {@code prompt=consent}; otherwise unless an earlier consent covers every requested scope.
     */
    public boolean needsConsent(AuthorizationCheck.Valid request, AccountId account) {
        if (request.client().signIn().firstParty()) {
            return false;
        }
        if (request.prompt().contains("consent")) {
            return true;
        }
        return store.find(account, request.client().id())
                .filter(consent -> consent.covers(request.scope()))
                .isEmpty();
    }

    /** Remembers the consent, adding {@code scope} to what the account already granted the client. */
    public void grant(Client client, AccountId account, String scope, Actor actor) {
        Set<String> scopes = new LinkedHashSet<>();
        store.find(account, client.id()).ifPresent(earlier -> scopes.addAll(Scopes.split(earlier.scope())));
        scopes.addAll(Scopes.split(scope));
        String granted = String.join(" ", scopes);
        transactions.inOne(() -> {
            store.save(
                    new Consent(account, client.id(), granted, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            audit.record(
                    AuditType.CONSENT_GRANTED,
                    Optional.of(account.value()),
                    actor,
                    Map.of("client_id", client.id().value(), "scope", granted));
            return null;
        });
    }

    /** The account's connected apps. */
    public List<Consent> connectedApps(AccountId account) {
        return store.listByAccount(account);
    }

    /**
     * Disconnects an app: forgets the consent and ends the refresh tokens it holds for the account
     * (its access tokens, minutes long, lapse). False when the app was not connected.
     */
    public boolean revoke(AccountId account, ClientId client, Actor actor) {
        return transactions.inOne(() -> {
            boolean deleted = store.delete(account, client);
            int ended = refreshTokens.endFamilies(account, client);
            if (deleted || ended > 0) {
                audit.record(
                        AuditType.CONSENT_REVOKED,
                        Optional.of(account.value()),
                        actor,
                        Map.of("client_id", client.value(), "refresh_families_ended", Integer.toString(ended)));
            }
            return deleted || ended > 0;
        });
    }
}
