package dev.gatehouse.core.login;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What {@link LoginService} checks again before it stores anything, and how it audits a refusal. */
final class SignInChecks {
    private final AccountService accounts;
    private final AuditTrail audit;

    SignInChecks(AccountService accounts, AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /**
     * Whether the account was locked, or its password changed, since {@code checked} was read for this
     * sign-in (one hash time ago, 20-100 ms); audited when so. Called inside the transaction that stores
     * what the sign-in starts: a lock or a password change that committed meanwhile ended every session
     * and pending login of the account, and what this one starts must not outlive it. On the embedded
     * store's single writer nothing commits between this read and that write.
     */
    boolean changedMeanwhile(Account checked, Actor actor, String method) {
        Optional<Account> now = accounts.find(checked.id());
        if (now.isPresent() && !now.get().locked() && now.get().passwordHash().equals(checked.passwordHash())) {
            return false;
        }
        auditRefusal(checked, actor, method, now.isPresent() && now.get().locked() ? "locked" : "wrong_password");
        return true;
    }

    /** Audits a refused sign-in of a known account; {@code more} are further details, name then value. */
    void auditRefusal(Account account, Actor actor, String method, String reason, String... more) {
        Map<String, String> details = new HashMap<>(Map.of("method", method, "reason", reason));
        for (int i = 0; i + 1 < more.length; i += 2) {
            details.put(more[i], more[i + 1]);
        }
        audit.record(AuditType.LOGIN_FAILED, Optional.of(account.id().value()), actor, Map.copyOf(details));
    }

    /** Whether {@code client} may sign people in with their password: a first-party app with the grant. */
    static boolean mayLogIn(Client client) {
        return client.type() == ClientType.FIRST_PARTY && client.allows(GrantType.LOGIN);
    }
}
