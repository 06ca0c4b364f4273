package dev.gatehouse.core.passkey;

import java.util.List;

/**
 * What the browser answered to {@code navigator.credentials.create()} (WebAuthn section 5.2.1), each
 * part unpadded base64url as the page sent it.
 *
 * @param transports from {@code getTransports()}; only kept as a hint for later ceremonies
 */
public record RegistrationResponse(String clientDataJson, String attestationObject, List<String> transports) {
    public RegistrationResponse {
        transports = List.copyOf(transports);
    }
}
