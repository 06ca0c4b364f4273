package dev.gatehouse.core.account;

/**
 * What a sign-up mails, queued in the transaction that stores the account: a new address gets a
 * verification link, a registered one is told someone tried. Both cost the same write, so the
 * answer's timing still does not tell them apart. Implemented over the outbox
 * ({@code dev.gatehouse.core.email.VerificationMails}).
 */
public interface SignUpMails {

    /** An account was created whose address is not verified yet. */
    void created(Account account);

    /** Someone tried to sign up with an address that already has an account. */
    void alreadyRegistered(EmailAddress email);

    /** Mails nothing (fixtures that need no outbox). */
    SignUpMails NONE = new SignUpMails() {
        @Override
        public void created(Account account) {}

        @Override
        public void alreadyRegistered(EmailAddress email) {}
    };
}
