package dev.gatehouse.server.http;

import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.core.refresh.RefreshFamily;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the admin API answers with. Built field by field from the domain, so a hash, a secret or a
 * token value can never slip into a response by a new field appearing on a domain record.
 */
final class AdminViews {
    private AdminViews() {}

    record UserList(List<Views.AccountView> users, int offset, int limit) {}

    record FamilyView(
            String id,
            String sessionId,
            String clientId,
            int generation,
            String createdAt,
            String rotatedAt,
            String expiresAt,
            String scope) {
        static FamilyView of(RefreshFamily family) {
            return new FamilyView(
                    family.id(),
                    family.sessionId().value(),
                    family.clientId().value(),
                    family.generation(),
                    family.createdAt().toString(),
                    family.rotatedAt().toString(),
                    family.absoluteExpiresAt().toString(),
                    family.scope());
        }
    }

    record FamilyList(List<FamilyView> refreshFamilies) {}

    /** @param scopes the scopes its tokens may carry; empty for any but the reserved ones */
    record ClientView(
            String id,
            String type,
            List<String> grants,
            List<String> audiences,
            List<String> scopes,
            boolean sessionIntrospection,
            String createdAt,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            @org.jspecify.annotations.Nullable String backchannelLogoutUri,
            boolean firstParty,
            @org.jspecify.annotations.Nullable String idTokenSignedResponseAlg) {
        static ClientView of(Client client) {
            return new ClientView(
                    client.id().value(),
                    client.type().name().toLowerCase(Locale.ROOT),
                    client.grants().stream()
                            .map(GrantType::name)
                            .map(g -> g.toLowerCase(Locale.ROOT))
                            .sorted()
                            .toList(),
                    client.audiences(),
                    client.scopes().stream().sorted().toList(),
                    client.sessionIntrospection(),
                    client.createdAt().toString(),
                    client.signIn().redirectUris(),
                    client.signIn().postLogoutRedirectUris(),
                    client.signIn().backchannelLogoutUri().orElse(null),
                    client.signIn().firstParty(),
                    client.signIn().idTokenAlgorithm().map(Enum::name).orElse(null));
        }
    }

    record ClientList(List<ClientView> clients) {}

    /** A client just registered: its one secret ({@code null} for a public client) is shown here only. */
    record CreatedClient(
            ClientView client,
            @org.jspecify.annotations.Nullable String clientSecret) {}

    record KeyView(String kid, String algorithm, String state, String createdAt, String stateChangedAt) {
        static KeyView of(SigningKey key) {
            return new KeyView(
                    key.kid(),
                    key.algorithm().name(),
                    key.state().name().toLowerCase(Locale.ROOT),
                    key.createdAt().toString(),
                    key.stateChangedAt().toString());
        }
    }

    record KeyList(List<KeyView> keys) {}

    record Rotation(String activated, String retired, String next) {}

    record AuditView(
            long id, String at, String type, String accountId, String actor, String ip, Map<String, String> details) {
        static AuditView of(AuditEvent event) {
            return new AuditView(
                    event.id(),
                    event.at().toString(),
                    event.type().wireName(),
                    event.accountId().orElse(null),
                    event.actor(),
                    event.ipAddress().orElse(null),
                    event.details());
        }
    }

    /** @param nextBefore pass as {@code before} for the next (older) page; absent on the last page */
    record AuditPage(List<AuditView> events, Long nextBefore) {}
}
