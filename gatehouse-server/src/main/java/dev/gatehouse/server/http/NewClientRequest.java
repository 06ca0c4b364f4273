package dev.gatehouse.server.http;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.jwt.Scopes;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /admin/v1/clients}: the choices of {@code gatehouse clients create} and of the
 * console's form, checked by the same rules (the sign-in registration's by {@link SignInRegistration}
 * itself). Absent lists are empty; no grants means the type's defaults.
 *
 * @param type {@code first-party}, {@code confidential}, {@code resource-server}, {@code web} or {@code public}
 * @param grants wire names ({@code authorization_code}, {@code refresh_token}, …)
 */
record NewClientRequest(
        @Nullable String clientId,
        @Nullable String type,
        @Nullable List<String> grants,
        @Nullable List<String> audiences,
        @Nullable List<String> scopes,
        @Nullable Boolean checkCookies,
        @Nullable List<String> redirectUris,
        @Nullable List<String> postLogoutRedirectUris,
        @Nullable String backchannelLogoutUri,
        @Nullable Boolean firstParty,
        @Nullable String idTokenSignedResponseAlg) {

    ClientId id() {
        return new ClientId(Fields.required(clientId, "client_id"));
    }

    Optional<ClientType> clientType() {
        return Arrays.stream(ClientType.values())
                .filter(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(type))
                .findFirst();
    }

    /** What is wrong with the request, in words for the administrator; empty when nothing. */
    Optional<String> problem() {
        if (clientId == null || !ClientId.isValid(clientId)) {
            return Optional.of("client_id must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (ClientId.hasTheShapeOfAnAccountId(clientId)) {
            return Optional.of(ClientId.SHAPE_OF_AN_ACCOUNT_ID);
        }
        if (clientType().isEmpty()) {
            return Optional.of("type must be first-party, confidential, resource-server, web or public.");
        }
        if (Stream.of(grants, audiences, scopes, redirectUris, postLogoutRedirectUris)
                .anyMatch(values -> values != null && values.stream().anyMatch(java.util.Objects::isNull))) {
            return Optional.of("A list holds strings only, no null.");
        }
        for (String grant : list(grants)) {
            if (GrantType.fromWire(grant).isEmpty()) {
                return Optional.of("Unknown grant '" + grant + "'.");
            }
        }
        if (list(audiences).stream().anyMatch(a -> a.isBlank() || a.chars().anyMatch(Character::isWhitespace))) {
            return Optional.of("An audience must not be empty or contain spaces.");
        }
        if (list(scopes).stream()
                .anyMatch(scope -> Scopes.parse(scope)
                        .filter(s -> !s.isEmpty() && !s.contains(" "))
                        .isEmpty())) {
            return Optional.of("A scope is one scope token: printable ASCII without spaces, quotes or backslashes.");
        }
        if (idTokenSignedResponseAlg != null && idTokenAlgorithm().isEmpty()) {
            return Optional.of("id_token_signed_response_alg must be RS256 or ES256.");
        }
        if (Boolean.TRUE.equals(checkCookies) && clientType().get() != ClientType.RESOURCE_SERVER) {
            return Optional.of("check_cookies is for resource servers only.");
        }
        return signIn().problem(clientType().get());
    }

    /** The settings to register; call only when {@link #problem()} is empty. */
    NewClientSettings settings() {
        ClientType clientType = clientType().orElseThrow();
        Set<GrantType> grantTypes = EnumSet.noneOf(GrantType.class);
        list(grants).forEach(grant -> grantTypes.add(GrantType.fromWire(grant).orElseThrow()));
        if (grantTypes.isEmpty()) {
            grantTypes.addAll(GrantType.defaultsFor(clientType));
        }
        return new NewClientSettings(
                grantTypes,
                list(audiences).stream().distinct().toList(),
                Set.copyOf(list(scopes)),
                Boolean.TRUE.equals(checkCookies),
                signIn());
    }

    private SignInRegistration signIn() {
        boolean none = list(redirectUris).isEmpty()
                && list(postLogoutRedirectUris).isEmpty()
                && backchannelLogoutUri == null
                && !Boolean.TRUE.equals(firstParty)
                && idTokenSignedResponseAlg == null;
        if (none && clientType().filter(ClientType::signsInThroughBrowser).isEmpty()) {
            return SignInRegistration.NONE;
        }
        return new SignInRegistration(
                list(redirectUris).stream().distinct().toList(),
                list(postLogoutRedirectUris).stream().distinct().toList(),
                Optional.ofNullable(backchannelLogoutUri),
                Boolean.TRUE.equals(firstParty),
                idTokenAlgorithm());
    }

    private Optional<SigningAlgorithm> idTokenAlgorithm() {
        return SignInRegistration.ID_TOKEN_ALGORITHMS.stream()
                .filter(alg -> alg.name().equals(idTokenSignedResponseAlg))
                .findFirst();
    }

    private static List<String> list(@Nullable List<String> values) {
        return values == null ? List.of() : values;
    }
}
