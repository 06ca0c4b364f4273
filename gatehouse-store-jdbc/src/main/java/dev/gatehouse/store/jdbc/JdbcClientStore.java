package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientStore;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Clients in the {@code clients} table; grants, audiences and scopes as space-separated lists. */
public final class JdbcClientStore implements ClientStore {
    private static final String COLUMNS =
            "id, type, secret_hash, grants, audiences, scopes, session_introspection, created_at, redirect_uris,"
                    + " post_logout_redirect_uris, backchannel_logout_uri, skip_consent, id_token_alg";

    private final Jdbc jdbc;

    JdbcClientStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Client client) {
        return jdbc.update(
                        "INSERT INTO clients (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        s -> {
                            s.setString(1, client.id().value());
                            s.setString(2, client.type().name());
                            s.setString(3, client.secretHash().orElse(null));
                            s.setString(
                                    4,
                                    client.grants().stream()
                                            .map(GrantType::name)
                                            .sorted()
                                            .collect(Collectors.joining(" ")));
                            s.setString(5, String.join(" ", client.audiences()));
                            s.setString(
                                    6,
                                    String.join(
                                            " ",
                                            client.scopes().stream().sorted().toList()));
                            s.setInt(7, client.sessionIntrospection() ? 1 : 0);
                            s.setLong(8, client.createdAt().toEpochMilli());
                            SignInRegistration signIn = client.signIn();
                            // URIs hold no spaces (RFC 3986), so a space separates them.
                            s.setString(9, String.join(" ", signIn.redirectUris()));
                            s.setString(10, String.join(" ", signIn.postLogoutRedirectUris()));
                            s.setString(11, signIn.backchannelLogoutUri().orElse(null));
                            s.setInt(12, signIn.firstParty() ? 1 : 0);
                            s.setString(
                                    13,
                                    signIn.idTokenAlgorithm().map(Enum::name).orElse(null));
                        })
                == 1;
    }

    @Override
    public Optional<Client> find(ClientId id) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM clients WHERE id = ?",
                s -> s.setString(1, id.value()),
                JdbcClientStore::toClient);
    }

    @Override
    public List<Client> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM clients ORDER BY id", s -> {}, JdbcClientStore::toClient);
    }

    @Override
    public boolean delete(ClientId id) {
        return jdbc.update("DELETE FROM clients WHERE id = ?", s -> s.setString(1, id.value())) == 1;
    }

    private static Client toClient(ResultSet row) throws SQLException {
        return new Client(
                new ClientId(row.getString("id")),
                ClientType.valueOf(row.getString("type")),
                Optional.ofNullable(row.getString("secret_hash")),
                words(row.getString("grants")).stream().map(GrantType::valueOf).collect(Collectors.toSet()),
                words(row.getString("audiences")),
                java.util.Set.copyOf(words(row.getString("scopes"))),
                row.getInt("session_introspection") == 1,
                new SignInRegistration(
                        words(row.getString("redirect_uris")),
                        words(row.getString("post_logout_redirect_uris")),
                        Optional.ofNullable(row.getString("backchannel_logout_uri")),
                        row.getInt("skip_consent") == 1,
                        Optional.ofNullable(row.getString("id_token_alg")).map(SigningAlgorithm::valueOf)),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }

    static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.split(" "));
    }
}
