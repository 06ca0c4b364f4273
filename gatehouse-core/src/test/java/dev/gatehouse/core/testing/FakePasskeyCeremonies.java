package dev.gatehouse.core.testing;

import dev.gatehouse.core.passkey.AssertionCheck;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.Passkey;
import dev.gatehouse.core.passkey.PasskeyCeremonies;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.RegistrationCheck;
import dev.gatehouse.core.passkey.RegistrationResponse;

/**
 * Ceremonies that believe what the test says: a registration names its credential id in
 * {@code attestationObject}, an assertion is verified with the counter in {@code authenticatorData} and
 * user verification when {@code signature} is {@code "uv"}. The real checks are the server's
 * {@code PasskeyCeremonyTest}.
 */
public final class FakePasskeyCeremonies implements PasskeyCeremonies {
    @Override
    public RegistrationCheck verifyRegistration(RegistrationResponse response, byte[] challenge) {
        return new RegistrationCheck.Verified(
                new PasskeyId(response.attestationObject()), new byte[] {1}, 0, false, false);
    }

    @Override
    public AssertionCheck verifyAssertion(
            AssertionResponse response, byte[] challenge, Passkey passkey, boolean userVerificationRequired) {
        boolean verified = response.signature().equals("uv");
        if (userVerificationRequired && !verified) {
            return new AssertionCheck.Failed("user not verified");
        }
        long counter = Long.parseLong(response.authenticatorData());
        return new AssertionCheck.Verified(counter, false, verified);
    }
}
