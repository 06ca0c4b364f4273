package dev.gatehouse.server.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.gatehouse.core.passkey.AssertionCheck;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.Passkey;
import dev.gatehouse.core.passkey.PasskeyCeremonies;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.RegistrationCheck;
import dev.gatehouse.core.passkey.RegistrationResponse;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * The ceremonies of W3C WebAuthn sections 7.1 and 7.2, by webauthn4j. The relying party is the issuer:
 * RP ID its host, origins the issuer's and the allowed ones. Attestation is not asked for (the default
 * {@code none}) and not judged: Gatehouse trusts the person who registers, after a step-up, not the make
 * of their authenticator, so the non-strict manager accepts any format without a trust path.
 */
public final class WebAuthnCeremonies implements PasskeyCeremonies {
    /** ES256, EdDSA and RS256: what the WebAuthn Level 3 examples list and every platform authenticator has. */
    public static final List<COSEAlgorithmIdentifier> ALGORITHMS =
            List.of(COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);

    private final String rpId;
    private final Set<Origin> origins;
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final ObjectConverter converter = new ObjectConverter();

    /**
     * @param issuer the issuer URL: its host is the RP ID, its origin an allowed origin
     * @param allowedOrigins further origins whose pages may run the ceremonies
     */
    public WebAuthnCeremonies(URI issuer, List<String> allowedOrigins) {
        this.rpId = issuer.getHost();
        Set<Origin> all = new LinkedHashSet<>();
        all.add(Origin.create(origin(issuer)));
        allowedOrigins.forEach(o -> all.add(Origin.create(o)));
        this.origins = Set.copyOf(all);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    public String rpId() {
        return rpId;
    }

    private ServerProperty server(byte[] challenge) {
        return ServerProperty.builder()
                .origins(origins)
                .rpId(rpId)
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    @Override
    public RegistrationCheck verifyRegistration(RegistrationResponse response, byte[] challenge) {
        try {
            RegistrationRequest request = new RegistrationRequest(
                    decode(response.attestationObject()),
                    decode(response.clientDataJson()),
                    null,
                    Set.copyOf(response.transports()));
            List<PublicKeyCredentialParameters> parameters = ALGORITHMS.stream()
                    .map(alg -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg))
                    .toList();
            // User verification required: the passkey may later sign in without a password.
            RegistrationData data =
                    manager.verify(request, new RegistrationParameters(server(challenge), parameters, true, true));
            AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticator = Optional.ofNullable(
                            data.getAttestationObject())
                    .orElseThrow()
                    .getAuthenticatorData();
            AttestedCredentialData credential = Optional.ofNullable(authenticator.getAttestedCredentialData())
                    .orElseThrow();
            return new RegistrationCheck.Verified(
                    PasskeyId.of(credential.getCredentialId()),
                    converter.getCborMapper().writeValueAsBytes(credential.getCOSEKey()),
                    authenticator.getSignCount(),
                    authenticator.isFlagBE(),
                    authenticator.isFlagBS());
        } catch (VerificationException | DataConversionException | JacksonException | IllegalArgumentException e) {
            return new RegistrationCheck.Failed(reason(e));
        }
    }

    @Override
    public AssertionCheck verifyAssertion(
            AssertionResponse response, byte[] challenge, Passkey passkey, boolean userVerificationRequired) {
        try {
            byte[] credentialId = passkey.id().bytes();
            COSEKey key = converter.getCborMapper().readValue(passkey.publicKeyCose(), COSEKey.class);
            if (key == null) {
                return new AssertionCheck.Failed("stored public key unreadable");
            }
            CredentialRecord record = new CredentialRecordImpl(
                    new NoneAttestationStatement(),
                    null,
                    passkey.backupEligible(),
                    passkey.backupState(),
                    passkey.signatureCounter(),
                    new AttestedCredentialData(AAGUID.ZERO, credentialId, key),
                    null,
                    null,
                    null,
                    null);
            AuthenticationRequest request = new AuthenticationRequest(
                    decode(response.credentialId().value()),
                    response.userHandle().map(WebAuthnCeremonies::decode).orElse(null),
                    decode(response.authenticatorData()),
                    decode(response.clientDataJson()),
                    null,
                    decode(response.signature()));
            AuthenticationData data = manager.verify(
                    request,
                    new AuthenticationParameters(
                            server(challenge), record, List.of(credentialId), userVerificationRequired, true));
            AuthenticatorData<?> authenticator =
                    Optional.ofNullable(data.getAuthenticatorData()).orElseThrow();
            return new AssertionCheck.Verified(
                    authenticator.getSignCount(), authenticator.isFlagBS(), authenticator.isFlagUV());
        } catch (MaliciousCounterValueException e) {
            // WebAuthn section 7.2 step 22: signed right, but the counter did not advance.
            return new AssertionCheck.CounterWentBackwards(passkey.signatureCounter(), presentedCounter(response));
        } catch (VerificationException | DataConversionException | JacksonException | IllegalArgumentException e) {
            return new AssertionCheck.Failed(reason(e));
        }
    }

    /** The sign count in authenticator data: bytes 33 to 36, big-endian (WebAuthn section 6.1). */
    private static long presentedCounter(AssertionResponse response) {
        byte[] data = decode(response.authenticatorData());
        if (data.length < 37) {
            return -1;
        }
        return ((data[33] & 0xffL) << 24) | ((data[34] & 0xffL) << 16) | ((data[35] & 0xffL) << 8) | (data[36] & 0xffL);
    }

    private static String reason(RuntimeException e) {
        return e.getClass().getSimpleName().replace("Exception", "");
    }

    private static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }
}
