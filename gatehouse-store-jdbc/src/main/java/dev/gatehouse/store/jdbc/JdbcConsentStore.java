package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.Consent;
import dev.gatehouse.core.oidc.ConsentStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Consents in {@code consents}, one row per account and client; they die with the account. */
public final class JdbcConsentStore implements ConsentStore {
    private final Jdbc jdbc;

    JdbcConsentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Consent consent) {
        jdbc.update(
                "INSERT INTO consents (account_id, client_id, scope, granted_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (account_id, client_id)"
                        + " DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at",
                s -> {
                    s.setString(1, consent.accountId().value());
                    s.setString(2, consent.clientId().value());
                    s.setString(3, consent.scope());
                    s.setLong(4, consent.grantedAt().toEpochMilli());
                });
    }

    @Override
    public Optional<Consent> find(AccountId accountId, ClientId clientId) {
        return jdbc.queryOne(
                "SELECT * FROM consents WHERE account_id = ? AND client_id = ?",
                s -> {
                    s.setString(1, accountId.value());
                    s.setString(2, clientId.value());
                },
                JdbcConsentStore::toConsent);
    }

    @Override
    public List<Consent> listByAccount(AccountId accountId) {
        return jdbc.query(
                "SELECT * FROM consents WHERE account_id = ? ORDER BY client_id",
                s -> s.setString(1, accountId.value()),
                JdbcConsentStore::toConsent);
    }

    @Override
    public boolean delete(AccountId accountId, ClientId clientId) {
        return jdbc.update("DELETE FROM consents WHERE account_id = ? AND client_id = ?", s -> {
                    s.setString(1, accountId.value());
                    s.setString(2, clientId.value());
                })
                == 1;
    }

    @Override
    public int deleteByClient(ClientId clientId) {
        return jdbc.update("DELETE FROM consents WHERE client_id = ?", s -> s.setString(1, clientId.value()));
    }

    private static Consent toConsent(ResultSet row) throws SQLException {
        return new Consent(
                new AccountId(row.getString("account_id")),
                new ClientId(row.getString("client_id")),
                row.getString("scope"),
                Instant.ofEpochMilli(row.getLong("granted_at")));
    }
}
