package dev.gatehouse.core.email;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordCheck;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailMessage;
import dev.gatehouse.core.mail.OutboxEntry;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionCheck;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Password reset as a use case: every rule holds for whichever entry point calls it. */
class PasswordResetServiceTest {
    private static final Actor VISITOR = Actor.self("203.0.113.9");
    private static final Password NEW_PASSWORD = new Password("seven quiet herons at dawn");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);
    private final Account grace = core.account("grace@example.com", Role.USER);

    @org.junit.jupiter.api.BeforeEach
    void sendTheSignUpMails() {
        assertThat(sent()).extracting(MailMessage::kind).containsOnly(MailKind.VERIFY_ADDRESS);
    }

    /** What the outbox worker would send now. */
    private List<MailMessage> sent() {
        List<OutboxEntry> due = core.outboxStore.claim(core.clock.instant(), core.clock.instant(), 100);
        due.forEach(entry -> core.outboxStore.delivered(entry.id()));
        return due.stream().flatMap(entry -> core.mails.compose(entry).stream()).toList();
    }

    private String resetToken(String email) {
        core.passwordResets.request(email, VISITOR);
        MailMessage mail = sent().getFirst();
        assertThat(mail.kind()).isEqualTo(MailKind.PASSWORD_RESET);
        String link = mail.link().orElseThrow();
        assertThat(link).startsWith(CoreServices.ISSUER + AccountMails.RESET_PAGE + "?token=");
        return link.substring(link.indexOf("?token=") + 7);
    }

    private boolean signsIn(Password password) {
        return core.accounts.authenticate("ada@example.com", password) instanceof PasswordCheck.Authenticated;
    }

    @Test
    void aRequestForAnUnknownAddressQueuesTheSameRowAndTheWorkerSendsNothing() {
        core.passwordResets.request("nobody@example.com", VISITOR);
        core.passwordResets.request("ada@example.com", VISITOR);

        assertThat(core.outboxStore.pending()).isEqualTo(2);
        assertThat(core.events(AuditType.PASSWORD_RESET_REQUESTED)).hasSize(2);
        assertThat(sent())
                .singleElement()
                .satisfies(mail -> assertThat(mail.to()).isEqualTo(ada.email()));
    }

    @Test
    void completingSetsThePasswordEndsEverySessionAndSendsTheNotice() {
        var cookie = core.sessions.start(ada.id(), new ClientDetails("192.0.2.1", "Firefox"));
        String token = resetToken("ada@example.com");

        var outcome = core.passwordResets.complete(token, NEW_PASSWORD, VISITOR);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PasswordResetOutcome.Completed.class,
                        done -> assertThat(done.sessionsEnded()).isEqualTo(1));
        assertThat(core.sessions.check(cookie.token())).isInstanceOf(SessionCheck.Invalid.class);
        assertThat(signsIn(NEW_PASSWORD)).isTrue();
        assertThat(signsIn(PASSWORD)).isFalse();
        assertThat(core.accounts.find(ada.id()).orElseThrow().emailVerified()).isTrue();
        assertThat(sent()).singleElement().satisfies(mail -> {
            assertThat(mail.kind()).isEqualTo(MailKind.PASSWORD_CHANGED);
            assertThat(mail.link()).isEmpty();
        });
        assertThat(core.events(AuditType.PASSWORD_RESET)).hasSize(1);
    }

    @Test
    void aTokenWorksOnce() {
        String token = resetToken("ada@example.com");
        core.passwordResets.complete(token, NEW_PASSWORD, VISITOR);

        assertThat(core.passwordResets.complete(token, new Password("another fine password here"), VISITOR))
                .isInstanceOf(PasswordResetOutcome.InvalidToken.class);
    }

    @Test
    void aTokenExpiresAfterThirtyMinutes() {
        String token = resetToken("ada@example.com");
        core.clock.advance(Duration.ofMinutes(30));

        assertThat(core.passwordResets.isUsable(token)).isFalse();
        assertThat(core.passwordResets.complete(token, NEW_PASSWORD, VISITOR))
                .isInstanceOf(PasswordResetOutcome.InvalidToken.class);
        assertThat(signsIn(PASSWORD)).isTrue();
    }

    @Test
    void aNewerRequestSupersedesTheOlderLink() {
        String older = resetToken("ada@example.com");
        String newer = resetToken("ada@example.com");

        assertThat(core.passwordResets.complete(older, NEW_PASSWORD, VISITOR))
                .isInstanceOf(PasswordResetOutcome.InvalidToken.class);
        assertThat(core.passwordResets.complete(newer, NEW_PASSWORD, VISITOR))
                .isInstanceOf(PasswordResetOutcome.Completed.class);
    }

    @Test
    void signingInWithThePasswordInvalidatesTheLink() {
        String token = resetToken("ada@example.com");
        var login = core.logins.login(new LoginAttempt(
                "ada@example.com",
                PASSWORD,
                new ClientDetails("192.0.2.1", "Firefox"),
                Optional.empty(),
                new LoginAttempt.Browser(Optional.empty())));
        assertThat(login).isInstanceOf(LoginOutcome.LoggedIn.class);

        assertThat(core.passwordResets.isUsable(token)).isFalse();
    }

    @Test
    void aTamperedTokenOrAnotherAccountsTokenChangesNothingElse() {
        String adas = resetToken("ada@example.com");
        String graces = resetToken("grace@example.com");
        char last = adas.charAt(adas.length() - 1);
        String tampered = adas.substring(0, adas.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(core.passwordResets.complete(tampered, NEW_PASSWORD, VISITOR))
                .isInstanceOf(PasswordResetOutcome.InvalidToken.class);
        assertThat(core.passwordResets.complete("not a token", NEW_PASSWORD, VISITOR))
                .isInstanceOf(PasswordResetOutcome.InvalidToken.class);
        // Grace's link sets Grace's password, whoever follows it: Ada's stays as it was.
        assertThat(core.passwordResets.complete(graces, NEW_PASSWORD, VISITOR))
                .isInstanceOfSatisfying(
                        PasswordResetOutcome.Completed.class,
                        done -> assertThat(done.account().id()).isEqualTo(grace.id()));
        assertThat(signsIn(PASSWORD)).isTrue();
    }

    @Test
    void aWeakPasswordIsRefusedAndTheLinkStillWorks() {
        String token = resetToken("ada@example.com");

        assertThat(core.passwordResets.complete(token, new Password("short"), VISITOR))
                .isInstanceOf(PasswordResetOutcome.WeakPassword.class);
        assertThat(core.passwordResets.isUsable(token)).isTrue();
    }

    @Test
    void aLockedAccountGetsNoLink() {
        core.admin.lock(ada.id(), Actor.SYSTEM);
        core.passwordResets.request("ada@example.com", VISITOR);

        assertThat(sent()).isEmpty();
    }
}
