package dev.gatehouse.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.passkey.AssertionOutcome;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.CeremonyStart;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.passkey.RegistrationOutcome;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.testing.InMemoryAuditStore;
import dev.gatehouse.core.testing.InMemoryPasskeyStore;
import dev.gatehouse.core.testing.TestClock;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ceremonies with webauthn4j and the core's rules together, answered by a hand-built authenticator:
 * what a browser's virtual authenticator cannot be made to do (sign for another RP ID or origin, replay,
 * turn its counter back) is refused.
 */
class PasskeyCeremonyTest {
    private static final String ORIGIN = "https://id.example.com";
    private static final String RP_ID = "id.example.com";
    private static final AccountId ADA = new AccountId("ada");
    private static final Actor ACTOR = Actor.self("192.0.2.1");

    private final TestClock clock = TestClock.startingAt("2026-03-01T12:00:00Z");
    private final List<AuditEvent> audited = new ArrayList<>();
    private final PasskeyService passkeys = new PasskeyService(
            new InMemoryPasskeyStore(),
            new WebAuthnCeremonies(URI.create(ORIGIN + "/"), List.of("https://app.example.com")),
            clock,
            RandomSource.secure(),
            new AuditTrail(new InMemoryAuditStore(), audited::add, Duration.ofDays(1), clock),
            Transactions.IMMEDIATE);
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator(randomBytes(16), false);

    @BeforeEach
    void register() {
        CeremonyStart start = passkeys.beginRegistration(ADA);
        RegistrationOutcome outcome = passkeys.finishRegistration(
                ADA,
                start.bindingToken(),
                "Laptop",
                authenticator.register(start.challenge(), ORIGIN, RP_ID, true),
                ACTOR);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private AssertionResponse signIn(CeremonyStart start, String origin, String rpId, boolean verified, long counter) {
        return authenticator.sign(start.challenge(), origin, rpId, verified, counter, Optional.of("ada"));
    }

    @Test
    void aUserVerifiedDeviceBoundPasskeySignsInAsHwkAndMfa() {
        CeremonyStart start = passkeys.beginSignIn();

        AssertionOutcome outcome =
                passkeys.finishSignIn(start.bindingToken(), signIn(start, ORIGIN, RP_ID, true, 1), ACTOR);

        assertThat(outcome).isInstanceOfSatisfying(AssertionOutcome.Verified.class, verified -> {
            assertThat(verified.passkey().accountId()).isEqualTo(ADA);
            assertThat(verified.passkey().signatureCounter()).isEqualTo(1);
            assertThat(verified.amr()).containsExactlyInAnyOrder(AuthenticationMethod.HWK, AuthenticationMethod.MFA);
        });
        assertThat(passkeys.passkeys(ADA).getFirst().lastUsedAt()).contains(clock.instant());
    }

    @Test
    void anAllowedOriginBesideTheIssuersMaySignIn() {
        CeremonyStart start = passkeys.beginSignIn();

        assertThat(passkeys.finishSignIn(
                        start.bindingToken(), signIn(start, "https://app.example.com", RP_ID, true, 1), ACTOR))
                .isInstanceOf(AssertionOutcome.Verified.class);
    }

    @Test
    void anAssertionForAnotherRpIdIsRefused() {
        CeremonyStart start = passkeys.beginSignIn();

        assertThat(passkeys.finishSignIn(start.bindingToken(), signIn(start, ORIGIN, "evil.example", true, 1), ACTOR))
                .isInstanceOfSatisfying(
                        AssertionOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo("BadRpId"));
    }

    @Test
    void anAssertionFromAnotherOriginIsRefused() {
        CeremonyStart start = passkeys.beginSignIn();

        assertThat(passkeys.finishSignIn(
                        start.bindingToken(),
                        signIn(start, "https://id.example.com.evil.example", RP_ID, true, 1),
                        ACTOR))
                .isInstanceOfSatisfying(
                        AssertionOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo("BadOrigin"));
    }

    @Test
    void aRegistrationFromAnotherOriginIsRefused() {
        CeremonyStart start = passkeys.beginRegistration(ADA);
        SoftwareAuthenticator other = new SoftwareAuthenticator(randomBytes(16), true);

        assertThat(passkeys.finishRegistration(
                        ADA,
                        start.bindingToken(),
                        "Phone",
                        other.register(start.challenge(), "https://evil.example", RP_ID, true),
                        ACTOR))
                .isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(passkeys.passkeys(ADA)).hasSize(1);
    }

    @Test
    void aChallengeIsAnsweredOnce() {
        CeremonyStart start = passkeys.beginSignIn();
        AssertionResponse response = signIn(start, ORIGIN, RP_ID, true, 1);
        assertThat(passkeys.finishSignIn(start.bindingToken(), response, ACTOR))
                .isInstanceOf(AssertionOutcome.Verified.class);

        assertThat(passkeys.finishSignIn(start.bindingToken(), response, ACTOR))
                .isEqualTo(new AssertionOutcome.Refused("unknown, expired or used challenge"));
        CeremonyStart next = passkeys.beginSignIn();
        assertThat(passkeys.finishSignIn(next.bindingToken(), response, ACTOR))
                .as("the old answer to a new challenge")
                .isInstanceOfSatisfying(
                        AssertionOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo("BadChallenge"));
    }

    @Test
    void aChallengeExpiresAfterTwoMinutes() {
        CeremonyStart start = passkeys.beginSignIn();
        clock.advance(PasskeyService.CHALLENGE_LIFETIME);

        assertThat(passkeys.finishSignIn(start.bindingToken(), signIn(start, ORIGIN, RP_ID, true, 1), ACTOR))
                .isEqualTo(new AssertionOutcome.Refused("unknown, expired or used challenge"));
    }

    @Test
    void aSignInWithoutUserVerificationIsRefused() {
        CeremonyStart start = passkeys.beginSignIn();

        assertThat(passkeys.finishSignIn(start.bindingToken(), signIn(start, ORIGIN, RP_ID, false, 1), ACTOR))
                .isInstanceOf(AssertionOutcome.Refused.class);
    }

    @Test
    void aCounterGoingBackwardsIsRefusedAndAuditedAsAPossibleClone() {
        CeremonyStart first = passkeys.beginSignIn();
        assertThat(passkeys.finishSignIn(first.bindingToken(), signIn(first, ORIGIN, RP_ID, true, 7), ACTOR))
                .isInstanceOf(AssertionOutcome.Verified.class);

        CeremonyStart second = passkeys.beginSignIn();
        assertThat(passkeys.finishSignIn(second.bindingToken(), signIn(second, ORIGIN, RP_ID, true, 5), ACTOR))
                .isInstanceOf(AssertionOutcome.PossibleClone.class);

        assertThat(audited)
                .filteredOn(event -> event.type() == AuditType.PASSKEY_CLONE_SUSPECTED)
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.accountId()).contains("ada");
                    assertThat(event.details())
                            .containsEntry("stored_counter", "7")
                            .containsEntry("presented_counter", "5");
                });
        assertThat(passkeys.passkeys(ADA).getFirst().signatureCounter()).isEqualTo(7);
    }

    @Test
    void aSecondFactorChallengeIsTheAccountsOnly() {
        CeremonyStart grace = passkeys.beginSecondFactor(new AccountId("grace"));

        assertThat(passkeys.finishSecondFactor(
                        new AccountId("grace"), grace.bindingToken(), signIn(grace, ORIGIN, RP_ID, true, 1), ACTOR))
                .isEqualTo(new AssertionOutcome.Refused("unknown credential"));
        CeremonyStart ada = passkeys.beginSecondFactor(ADA);
        assertThat(passkeys.finishSignIn(ada.bindingToken(), signIn(ada, ORIGIN, RP_ID, true, 1), ACTOR))
                .as("a second-factor challenge answered as a sign-in")
                .isEqualTo(new AssertionOutcome.Refused("unknown, expired or used challenge"));
    }
}
