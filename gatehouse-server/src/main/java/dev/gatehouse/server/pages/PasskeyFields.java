package dev.gatehouse.server.pages;

import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.RegistrationResponse;
import dev.gatehouse.server.http.FormBody;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The browser's answer to a WebAuthn ceremony, as the page's script posts it in hidden form fields,
 * every binary part unpadded base64url. Anything malformed reads as no answer at all.
 */
final class PasskeyFields {
    static final String CREDENTIAL_ID = "passkey_id";
    static final String CLIENT_DATA = "client_data_json";
    static final String AUTHENTICATOR_DATA = "authenticator_data";
    static final String SIGNATURE = "signature";
    static final String USER_HANDLE = "user_handle";
    static final String ATTESTATION = "attestation_object";
    static final String TRANSPORTS = "transports";

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern TRANSPORT = Pattern.compile("[a-z-]{1,16}");

    private PasskeyFields() {}

    /** Whether the form carries an assertion at all (rather than a password and code). */
    static boolean hasAssertion(FormBody form) {
        return form.get(CREDENTIAL_ID).isPresent();
    }

    static Optional<AssertionResponse> assertion(FormBody form) {
        Optional<String> id = base64url(form, CREDENTIAL_ID);
        Optional<String> clientData = base64url(form, CLIENT_DATA);
        Optional<String> authenticatorData = base64url(form, AUTHENTICATOR_DATA);
        Optional<String> signature = base64url(form, SIGNATURE);
        if (id.isEmpty() || clientData.isEmpty() || authenticatorData.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        if (form.get(USER_HANDLE).isPresent() && base64url(form, USER_HANDLE).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AssertionResponse(
                    new PasskeyId(id.get()),
                    clientData.get(),
                    authenticatorData.get(),
                    signature.get(),
                    base64url(form, USER_HANDLE)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<RegistrationResponse> registration(FormBody form) {
        Optional<String> clientData = base64url(form, CLIENT_DATA);
        Optional<String> attestation = base64url(form, ATTESTATION);
        if (clientData.isEmpty() || attestation.isEmpty()) {
            return Optional.empty();
        }
        var transports = Arrays.stream(form.get(TRANSPORTS).orElse("").split(","))
                .map(String::strip)
                .filter(t -> TRANSPORT.matcher(t).matches())
                .limit(8)
                .toList();
        return Optional.of(new RegistrationResponse(clientData.get(), attestation.get(), transports));
    }

    private static Optional<String> base64url(FormBody form, String name) {
        return form.get(name).filter(value -> BASE64URL.matcher(value).matches());
    }
}
