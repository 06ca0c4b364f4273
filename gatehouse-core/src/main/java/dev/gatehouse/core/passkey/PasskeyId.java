package dev.gatehouse.core.passkey;

import java.util.Base64;

/** A WebAuthn credential id, unpadded base64url as in the ceremonies' JSON (W3C WebAuthn section 6.1). */
public record PasskeyId(String value) {
    /** Credential ids are at most 1,023 bytes (WebAuthn section 5.1.1); 1,364 base64url characters. */
    private static final int MAXIMUM_LENGTH = 1364;

    public PasskeyId {
        if (value.isEmpty() || value.length() > MAXIMUM_LENGTH || !value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "credential id must be 1 to " + MAXIMUM_LENGTH + " base64url characters, was " + value.length());
        }
    }

    public static PasskeyId of(byte[] credentialId) {
        return new PasskeyId(Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId));
    }

    public byte[] bytes() {
        return Base64.getUrlDecoder().decode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
