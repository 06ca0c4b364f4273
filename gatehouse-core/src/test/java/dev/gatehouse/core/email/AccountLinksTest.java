package dev.gatehouse.core.email;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.factor.IndependentTotp;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailMessage;
import dev.gatehouse.core.mail.OutboxEntry;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Address verification and address change as use cases, on the in-memory stores and a test clock. */
class AccountLinksTest {
    private static final Actor VISITOR = Actor.self("203.0.113.9");

    private final CoreServices core = new CoreServices();

    private List<MailMessage> sent() {
        List<OutboxEntry> due = core.outboxStore.claim(core.clock.instant(), core.clock.instant(), 100);
        due.forEach(entry -> core.outboxStore.delivered(entry.id()));
        return due.stream().flatMap(entry -> core.mails.compose(entry).stream()).toList();
    }

    private static String token(MailMessage mail) {
        String link = mail.link().orElseThrow();
        return link.substring(link.indexOf("?token=") + 7);
    }

    /** Asks for an address change from a fresh session of {@code account}, with no code. */
    private AddressChangeOutcome changeRequest(Account account, Password current, String newEmail, Actor actor) {
        Session session = core.sessions
                .start(account.id(), new ClientDetails("203.0.113.9", "Firefox"))
                .session();
        return core.addressChanges.request(account, session, current, Optional.empty(), newEmail, actor);
    }

    @Test
    void anAccountWithASecondFactorChangesItsAddressOnlyWithTheCodeWhenTheSessionHasNotShownItLately() {
        Account ada = core.account("ada@example.com", Role.USER);
        sent();
        String key = core.factors.beginTotp(ada).orElseThrow().secret();
        core.factors.confirmTotp(ada.id(), IndependentTotp.code(key, core.clock.instant()), VISITOR);
        core.clock.advance(Duration.ofMinutes(11)); // the session below is older than the step-up window
        Session session = core.sessions
                .start(ada.id(), new ClientDetails("203.0.113.9", "Firefox"))
                .session();
        core.clock.advance(Duration.ofMinutes(11));

        assertThat(core.addressChanges.request(ada, session, PASSWORD, Optional.empty(), "ada@example.org", VISITOR))
                .isInstanceOf(AddressChangeOutcome.SecondFactorRequired.class);
        assertThat(core.addressChanges.request(
                        ada, session, PASSWORD, Optional.of("000000"), "ada@example.org", VISITOR))
                .isInstanceOf(AddressChangeOutcome.SecondFactorRequired.class);
        assertThat(sent()).isEmpty();
        String code = IndependentTotp.code(key, core.clock.instant());
        assertThat(core.addressChanges.request(ada, session, PASSWORD, Optional.of(code), "ada@example.org", VISITOR))
                .isInstanceOf(AddressChangeOutcome.Requested.class);
        assertThat(sent()).extracting(MailMessage::kind).contains(MailKind.ADDRESS_CHANGE);
    }

    @Test
    void signUpMailsAVerificationLinkThatVerifiesOnceAndExpiresInADay() {
        Account ada = core.account("ada@example.com", Role.USER);
        MailMessage mail = sent().getFirst();
        assertThat(mail.kind()).isEqualTo(MailKind.VERIFY_ADDRESS);
        assertThat(ada.emailVerified()).isFalse();

        assertThat(core.verifications.verify(token(mail), PASSWORD, VISITOR))
                .isInstanceOf(VerificationOutcome.Verified.class);
        assertThat(core.accounts.find(ada.id()).orElseThrow().emailVerified()).isTrue();
        assertThat(core.verifications.verify(token(mail), PASSWORD, VISITOR))
                .isInstanceOf(VerificationOutcome.InvalidToken.class);

        core.account("grace@example.com", Role.USER);
        MailMessage graces = sent().getFirst();
        core.clock.advance(Duration.ofHours(24));
        assertThat(core.verifications.verify(token(graces), PASSWORD, VISITOR))
                .isInstanceOf(VerificationOutcome.InvalidToken.class);
    }

    @Test
    void theLinkVerifiesOnlyWithTheAccountsPasswordSoAnAddresssOwnerCannotVerifyAStrangersSignUp() {
        // A stranger signed up with Ada's address and a password of their own (PASSWORD); Ada follows the link.
        Account ada = core.account("ada@example.com", Role.USER);
        String link = token(sent().getFirst());

        assertThat(core.verifications.verify(link, new Password("what Ada would type"), VISITOR))
                .isInstanceOf(VerificationOutcome.WrongPassword.class);
        assertThat(core.accounts.find(ada.id()).orElseThrow().emailVerified()).isFalse();
        assertThat(core.events(AuditType.EMAIL_VERIFIED)).isEmpty();

        assertThat(core.verifications.verify(link, PASSWORD, VISITOR))
                .as("a wrong password leaves the link unused")
                .isInstanceOf(VerificationOutcome.Verified.class);
    }

    @Test
    void aSecondSignUpWithTheAddressWarnsItsOwnerAndMintsNoLink() {
        core.account("ada@example.com", Role.USER);
        sent();
        core.accounts.signUp("ada@example.com", new Password("another password entirely"), Role.USER, VISITOR);

        assertThat(sent()).singleElement().satisfies(mail -> {
            assertThat(mail.kind()).isEqualTo(MailKind.SIGN_UP_ATTEMPT);
            assertThat(mail.link()).isEmpty();
        });
    }

    @Test
    void anAddressChangeNeedsThePasswordAndChangesNothingUntilTheLinkIsUsed() {
        Account ada = core.account("ada@example.com", Role.USER);
        sent();

        assertThat(changeRequest(ada, new Password("not the password at all"), "ada@example.org", VISITOR))
                .isInstanceOf(AddressChangeOutcome.WrongPassword.class);
        assertThat(sent()).isEmpty();
        assertThat(changeRequest(ada, PASSWORD, "ada@example.com", VISITOR))
                .isInstanceOf(AddressChangeOutcome.InvalidEmail.class);

        assertThat(changeRequest(ada, PASSWORD, "ada@example.org", VISITOR))
                .isInstanceOf(AddressChangeOutcome.Requested.class);
        List<MailMessage> mails = sent();
        assertThat(mails)
                .extracting(MailMessage::kind)
                .containsExactly(MailKind.ADDRESS_CHANGE, MailKind.ADDRESS_CHANGE_NOTICE);
        assertThat(mails.get(0).to()).isEqualTo(new EmailAddress("ada@example.org"));
        assertThat(mails.get(1).to()).isEqualTo(ada.email());
        assertThat(core.accounts.find(ada.id()).orElseThrow().email()).isEqualTo(ada.email());

        assertThat(core.addressChanges.confirm(token(mails.get(0)), VISITOR))
                .isInstanceOf(AddressChangeOutcome.Changed.class);
        assertThat(core.accounts.find(ada.id()).orElseThrow().email()).isEqualTo(new EmailAddress("ada@example.org"));
        assertThat(core.addressChanges.confirm(token(mails.get(0)), VISITOR))
                .isInstanceOf(AddressChangeOutcome.InvalidToken.class);
    }

    @Test
    void anAddressTakenMeanwhileIsNotTaken() {
        Account ada = core.account("ada@example.com", Role.USER);
        sent();
        changeRequest(ada, PASSWORD, "grace@example.com", VISITOR);
        MailMessage link = sent().getFirst();
        core.account("grace@example.com", Role.USER);

        assertThat(core.addressChanges.confirm(token(link), VISITOR))
                .isInstanceOf(AddressChangeOutcome.InvalidToken.class);
        assertThat(core.accounts.find(ada.id()).orElseThrow().email()).isEqualTo(ada.email());
    }
    /**
     * The attack: someone with the password and a session asks to move the account to their mailbox; the
     * owner, told at the old address, changes the password (or resets it, or signs out everywhere). The
     * link in the attacker's mailbox must then change nothing.
     */
    @Test
    void anAddressChangeAskedForBeforeTheOwnerLockedTheAskerOutChangesNothing() {
        Account ada = core.account("ada@example.com", Role.USER);
        sent();
        SessionId current = core.sessions
                .start(ada.id(), new ClientDetails("203.0.113.9", "Firefox"))
                .session()
                .id();

        changeRequest(ada, PASSWORD, "mallory@evil.example", VISITOR);
        MailMessage beforePasswordChange = sent().getFirst();
        core.stepUps.changePassword(ada.id(), current, PASSWORD, new Password("a brand new passphrase here"), VISITOR);
        assertThat(core.addressChanges.confirm(token(beforePasswordChange), VISITOR))
                .isInstanceOf(AddressChangeOutcome.InvalidToken.class);

        Password now = new Password("a brand new passphrase here");
        changeRequest(ada, now, "mallory@evil.example", VISITOR);
        MailMessage beforeSigningOut = sent().getFirst();
        core.logins.endAllSessions(ada.id(), VISITOR);
        assertThat(core.addressChanges.confirm(token(beforeSigningOut), VISITOR))
                .isInstanceOf(AddressChangeOutcome.InvalidToken.class);

        changeRequest(ada, now, "mallory@evil.example", VISITOR);
        MailMessage beforeReset = sent().getFirst();
        core.passwordResets.request("ada@example.com", VISITOR);
        MailMessage reset = sent().stream()
                .filter(mail -> mail.kind() == MailKind.PASSWORD_RESET)
                .findFirst()
                .orElseThrow();
        assertThat(core.passwordResets.complete(token(reset), new Password("yet another new passphrase"), VISITOR))
                .isInstanceOf(PasswordResetOutcome.Completed.class);
        assertThat(core.addressChanges.confirm(token(beforeReset), VISITOR))
                .isInstanceOf(AddressChangeOutcome.InvalidToken.class);

        assertThat(core.accounts.find(ada.id()).orElseThrow().email()).isEqualTo(ada.email());
    }
}
