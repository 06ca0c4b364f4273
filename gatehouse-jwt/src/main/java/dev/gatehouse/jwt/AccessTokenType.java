package dev.gatehouse.jwt;

import java.util.Optional;

/**
 * The {@code typ} header Gatehouse writes on access tokens, and the only one its checks accept. One
 * issuer uses one type: a verifier that took either would give up the point of explicit typing.
 */
public enum AccessTokenType {
    /**
     * {@code at+jwt}, as RFC 9068 requires: the default. Resource servers that check it cannot be handed
     * another kind of JWT in its place.
     */
    AT_JWT("at+jwt"),
    /**
     * {@code JWT}: for resource servers whose libraries accept nothing else by default — Spring Security's
     * {@code issuer-uri} set-up among them. Gatehouse signs no other JWT with its keys, so within one
     * issuer nothing can be mistaken for an access token; what is lost is RFC 9068 conformance.
     */
    JWT("JWT");

    private final String headerValue;
    private final String mediaType;

    AccessTokenType(String headerValue) {
        this.headerValue = headerValue;
        this.mediaType = "application/" + headerValue;
    }

    /** The value written in the {@code typ} header. */
    public String headerValue() {
        return headerValue;
    }

    /**
     * Whether a presented {@code typ} names this type. RFC 7515 section 4.1.9 makes the value a media
     * type, compared without case and with the {@code application/} prefix optional.
     */
    boolean matches(String typ) {
        // On every verification: compare in place rather than lower-casing copies.
        return typ.equalsIgnoreCase(headerValue) || typ.equalsIgnoreCase(mediaType);
    }

    /** The type whose header value is exactly {@code text} ({@code at+jwt} or {@code JWT}). */
    public static Optional<AccessTokenType> ofHeaderValue(String text) {
        for (AccessTokenType type : values()) {
            if (type.headerValue.equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
