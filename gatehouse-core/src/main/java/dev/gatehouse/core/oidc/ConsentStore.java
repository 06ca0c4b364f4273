package dev.gatehouse.core.oidc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import java.util.List;
import java.util.Optional;

/** Consents, one per account and client. Adapters pass {@code ConsentStoreContract}. */
public interface ConsentStore {

    /** Stores the consent, replacing the account's earlier one for the same client. */
    void save(Consent consent);

    Optional<Consent> find(AccountId accountId, ClientId clientId);

    /** The account's consents ("connected apps"), by client id. */
    List<Consent> listByAccount(AccountId accountId);

    /** False when there was none. */
    boolean delete(AccountId accountId, ClientId clientId);

    /** Forgets every account's consent to {@code clientId}, as the client is deleted; returns how many. */
    int deleteByClient(ClientId clientId);
}
