package dev.gatehouse.core.passkey;

import java.util.Optional;

/**
 * What the browser answered to {@code navigator.credentials.get()} (WebAuthn section 5.2.2), each part
 * unpadded base64url as the page sent it.
 *
 * @param userHandle the account the credential was registered for; always present for a discoverable
 *     credential
 */
public record AssertionResponse(
        PasskeyId credentialId,
        String clientDataJson,
        String authenticatorData,
        String signature,
        Optional<String> userHandle) {}
