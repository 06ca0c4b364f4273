package dev.gatehouse.core.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.key.KeyEncryption;
import dev.gatehouse.core.key.WrongMasterKeyException;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.OutboxEntry;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Setting up an authenticator app, its codes, and recovery codes: each rule whoever calls. */
class SecondFactorServiceTest {
    private static final Actor ADA = Actor.self("192.0.2.1");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);

    private String enrol() {
        return core.factors.beginTotp(ada).orElseThrow().secret();
    }

    private List<String> enrolAndConfirm() {
        String secret = enrol();
        var confirmed = (ConfirmOutcome.Confirmed)
                core.factors.confirmTotp(ada.id(), IndependentTotp.code(secret, core.clock.instant()), ADA);
        return confirmed.recoveryCodes();
    }

    @Test
    void anAppCountsOnlyOnceItsFirstCodeConfirmedIt() {
        TotpEnrolment enrolment = core.factors.beginTotp(ada).orElseThrow();

        assertThat(enrolment.keyUri())
                .startsWith("otpauth://totp/Gatehouse:ada%40example.com?secret=" + enrolment.secret())
                .contains("issuer=Gatehouse", "digits=6", "period=30", "algorithm=SHA1");
        assertThat(IndependentTotp.decodeBase32(enrolment.secret())).hasSize(20);
        assertThat(core.factors.factors(ada.id()).any()).isFalse();

        var outcome =
                core.factors.confirmTotp(ada.id(), IndependentTotp.code(enrolment.secret(), core.clock.instant()), ADA);

        assertThat(outcome).isInstanceOf(ConfirmOutcome.Confirmed.class);
        assertThat(core.factors.factors(ada.id())).isEqualTo(new Factors(true, 10, 0));
        assertThat(core.events(AuditType.SECOND_FACTOR_ENROLLED)).hasSize(1);
        assertThat(core.factors.beginTotp(ada))
                .as("a second app while one is confirmed")
                .isEmpty();
    }

    @Test
    void aWrongFirstCodeConfirmsNothing() {
        String secret = enrol();
        String right = IndependentTotp.code(secret, core.clock.instant());
        String wrong = right.equals("123456") ? "654321" : "123456";

        assertThat(core.factors.confirmTotp(ada.id(), wrong, ADA)).isInstanceOf(ConfirmOutcome.WrongCode.class);
        assertThat(core.factors.confirmTotp(ada.id(), "12345", ADA)).isInstanceOf(ConfirmOutcome.WrongCode.class);
        assertThat(core.factors.factors(ada.id()).any()).isFalse();
    }

    @Test
    void theSecretIsSealedAtRestUnderItsOwnKey() {
        String secret = enrol();
        TotpCredential stored = core.secondFactorStore.findTotp(ada.id()).orElseThrow();

        assertThat(stored.sealedSecret()).doesNotContain(secret);
        var sealing = new KeyEncryption(new byte[32], core.random);
        assertThat(sealing.decrypt(stored.sealedSecret(), "totp:" + ada.id().value()))
                .isEqualTo(IndependentTotp.decodeBase32(secret));
        assertThatThrownBy(() -> sealing.decrypt(stored.sealedSecret(), "totp:someone-else"))
                .as("the account id is bound in as associated data")
                .isInstanceOf(WrongMasterKeyException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new KeyEncryption(otherKey, core.random)
                        .decrypt(stored.sealedSecret(), "totp:" + ada.id().value()))
                .isInstanceOf(WrongMasterKeyException.class);
    }

    @Test
    void aCodeIsAcceptedOnceAndNoOlderCodeAfterIt() {
        String secret = enrol();
        core.factors.confirmTotp(ada.id(), IndependentTotp.code(secret, core.clock.instant()), ADA);
        core.clock.advance(Duration.ofSeconds(30));
        String code = IndependentTotp.code(secret, core.clock.instant());

        assertThat(core.factors.verifyTotp(ada.id(), code)).isTrue();
        assertThat(core.factors.verifyTotp(ada.id(), code)).as("replayed").isFalse();
        String previous = IndependentTotp.code(secret, core.clock.instant().minusSeconds(30));
        assertThat(core.factors.verifyTotp(ada.id(), previous))
                .as("an older step after a newer one")
                .isFalse();
    }

    @Test
    void oneStepOfSkewEitherWayIsAcceptedAndTwoAreNot() {
        String secret = enrol();
        core.factors.confirmTotp(ada.id(), IndependentTotp.code(secret, core.clock.instant()), ADA);
        core.clock.advance(Duration.ofMinutes(10));
        var now = core.clock.instant();

        assertThat(core.factors.verifyTotp(ada.id(), IndependentTotp.code(secret, now.minusSeconds(60))))
                .as("two steps behind")
                .isFalse();
        assertThat(core.factors.verifyTotp(ada.id(), IndependentTotp.code(secret, now.plusSeconds(60))))
                .as("two steps ahead")
                .isFalse();
        assertThat(core.factors.verifyTotp(ada.id(), IndependentTotp.code(secret, now.minusSeconds(30))))
                .as("one step behind")
                .isTrue();
        assertThat(core.factors.verifyTotp(ada.id(), IndependentTotp.code(secret, now.plusSeconds(30))))
                .as("one step ahead")
                .isTrue();
    }

    @Test
    void recoveryCodesAreStoredAsHashesUsedOnceAndAuditedAndTheOwnerIsTold() {
        List<String> codes = enrolAndConfirm();
        queuedMails(); // the sign-up's own

        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(core.factors.useRecoveryCode(
                        ada.id(), codes.get(3).toUpperCase().replace("-", " "), ADA))
                .isTrue();
        assertThat(core.factors.useRecoveryCode(ada.id(), codes.get(3), ADA))
                .as("used twice")
                .isFalse();
        assertThat(core.factors.useRecoveryCode(ada.id(), "aaaaa-aaaaa", ADA)).isFalse();
        assertThat(core.factors.factors(ada.id()).recoveryCodesLeft()).isEqualTo(9);
        assertThat(core.events(AuditType.RECOVERY_CODE_USED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("recovery_codes_left", "9"));
        assertThat(queuedMails()).containsExactly(MailKind.RECOVERY_CODE_USED);
    }

    @Test
    void regeneratedRecoveryCodesVoidTheOldOnes() {
        List<String> old = enrolAndConfirm();

        List<String> fresh = core.factors.regenerateRecoveryCodes(ada.id(), ADA).orElseThrow();

        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
        assertThat(core.factors.useRecoveryCode(ada.id(), old.getFirst(), ADA)).isFalse();
        assertThat(core.factors.useRecoveryCode(ada.id(), fresh.getFirst(), ADA))
                .isTrue();
        assertThat(core.events(AuditType.RECOVERY_CODES_REGENERATED)).hasSize(1);
    }

    @Test
    void anAdministratorsResetRemovesEveryFactorAndIsAuditedAndTheOwnerIsTold() {
        List<String> codes = enrolAndConfirm();
        queuedMails(); // the sign-up's own

        assertThat(core.factors.reset(ada.id(), Actor.admin("admin-1", "192.0.2.9")))
                .isTrue();

        assertThat(core.factors.factors(ada.id())).isEqualTo(Factors.NONE);
        assertThat(core.factors.useRecoveryCode(ada.id(), codes.getFirst(), ADA))
                .isFalse();
        assertThat(core.events(AuditType.SECOND_FACTORS_RESET))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("totp", "true"));
        assertThat(queuedMails()).containsExactly(MailKind.SECOND_FACTORS_RESET);
        assertThat(core.factors.reset(ada.id(), Actor.admin("admin-1", "192.0.2.9")))
                .as("nothing left to reset, nothing to tell")
                .isFalse();
        assertThat(queuedMails()).isEmpty();
    }

    /** The mails queued for Ada since the last call, by kind: the owner is told what could be an attack. */
    private List<MailKind> queuedMails() {
        Instant now = core.clock.instant();
        List<MailKind> kinds = new ArrayList<>();
        for (OutboxEntry entry : core.outboxStore.claim(now, now.plusSeconds(60), 100)) {
            assertThat(entry.recipient()).isEqualTo(ada.email());
            core.outboxStore.delivered(entry.id());
            kinds.add(entry.kind());
        }
        return kinds;
    }
}
