package dev.gatehouse.core.passkey;

import dev.gatehouse.core.session.AuthenticationMethod;
import java.util.Set;

/** What became of an assertion: a sign-in with a passkey, or a passkey as a second factor. */
public sealed interface AssertionOutcome {

    /**
     * The passkey's owner, proven.
     *
     * @param amr {@code hwk} for a device-bound passkey or {@code swk} for a synced one (RFC 8176 section
     *     2), with {@code mfa} when the authenticator verified the user (possession plus a PIN or
     *     biometric)
     */
    record Verified(Passkey passkey, Set<AuthenticationMethod> amr) implements AssertionOutcome {
        public Verified {
            amr = Set.copyOf(amr);
        }
    }

    /** Unknown or used challenge, unknown credential, a bad signature, another RP ID or origin. */
    record Refused(String reason) implements AssertionOutcome {}

    /** The signature counter did not advance: refused, and audited as a possibly cloned authenticator. */
    record PossibleClone(Passkey passkey) implements AssertionOutcome {}
}
