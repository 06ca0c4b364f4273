package dev.gatehouse.core.client;

import java.util.Locale;
import java.util.Optional;

/** The ways a client may obtain tokens. No password grant, no implicit grant. */
public enum GrantType {
    /** {@code POST /v1/tokens}: a first-party app logs a user in. */
    LOGIN("login"),
    /** OpenID Connect's authorization code flow with PKCE, for web and public clients. */
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token"),
    CLIENT_CREDENTIALS("client_credentials"),
    TOKEN_EXCHANGE("urn:ietf:params:oauth:grant-type:token-exchange");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The grants a client of {@code type} gets when none are named: a first-party app logs users in,
     * refreshes and exchanges tokens; a confidential client gets service tokens; a resource server
     * obtains none.
     */
    public static java.util.Set<GrantType> defaultsFor(ClientType type) {
        return switch (type) {
            case FIRST_PARTY -> java.util.Set.of(LOGIN, REFRESH_TOKEN, TOKEN_EXCHANGE);
            case CONFIDENTIAL -> java.util.Set.of(CLIENT_CREDENTIALS);
            case RESOURCE_SERVER -> java.util.Set.of();
            case WEB, PUBLIC -> java.util.Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN);
        };
    }

    public static Optional<GrantType> fromWire(String name) {
        for (GrantType type : values()) {
            if (type.wireName.equals(name)
                    || type.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
