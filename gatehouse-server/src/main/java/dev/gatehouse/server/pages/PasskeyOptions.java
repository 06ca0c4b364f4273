package dev.gatehouse.server.pages;

import dev.gatehouse.core.passkey.CeremonyStart;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.PasskeyService;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the page's script needs for {@code navigator.credentials.create()} or {@code get()} (W3C WebAuthn
 * sections 5.4 and 5.5), as JSON in the API's snake_case; every binary value unpadded base64url. The
 * script turns it into the browser's options object. The challenge's binding token is never in here: it
 * travels in {@link dev.gatehouse.server.http.PasskeyCookie} only.
 *
 * @param userId the user handle (registration only): the account id, no personal data (WebAuthn 14.6.1)
 * @param userName what the authenticator shows beside the credential (registration only)
 * @param credentials ids to exclude (registration) or to allow (a second factor); empty for a sign-in
 *     with a discoverable credential
 * @param algorithms COSE algorithm ids, most preferred first (registration only)
 * @param userVerification {@code required} or {@code preferred}
 */
public record PasskeyOptions(
        String challenge,
        String rpId,
        @Nullable String rpName,
        @Nullable String userId,
        @Nullable String userName,
        long timeoutMs,
        List<String> credentials,
        List<Integer> algorithms,
        String userVerification) {

    public PasskeyOptions {
        credentials = List.copyOf(credentials);
        algorithms = List.copyOf(algorithms);
    }

    /** ES256, EdDSA, RS256: the algorithms the server verifies, as COSE ids (RFC 9053). */
    private static final List<Integer> ALGORITHMS = List.of(-7, -8, -257);

    /** For creating a passkey: a discoverable credential with the user verified. */
    public static PasskeyOptions creation(CeremonyStart start, String rpId, String userId, String userName) {
        return new PasskeyOptions(
                start.challenge(),
                rpId,
                rpId,
                userId,
                userName,
                PasskeyService.CHALLENGE_LIFETIME.toMillis(),
                ids(start.credentials()),
                ALGORITHMS,
                "required");
    }

    /** For using a passkey: to sign in, as a second factor, or to step up. */
    public static PasskeyOptions request(CeremonyStart start, String rpId, String userVerification) {
        return new PasskeyOptions(
                start.challenge(),
                rpId,
                null,
                null,
                null,
                PasskeyService.CHALLENGE_LIFETIME.toMillis(),
                ids(start.credentials()),
                List.of(),
                userVerification);
    }

    private static List<String> ids(List<PasskeyId> ids) {
        return ids.stream().map(PasskeyId::value).toList();
    }
}
