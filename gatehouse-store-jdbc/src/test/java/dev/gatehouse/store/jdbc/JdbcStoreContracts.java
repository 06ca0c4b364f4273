package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountStore;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.AuditStore;
import dev.gatehouse.core.client.ClientStore;
import dev.gatehouse.core.email.EmailTokenStore;
import dev.gatehouse.core.key.SigningKeyStore;
import dev.gatehouse.core.mail.MailOutboxStore;
import dev.gatehouse.core.oidc.AuthorizationCodeStore;
import dev.gatehouse.core.oidc.BackChannelLogoutStore;
import dev.gatehouse.core.oidc.ConsentStore;
import dev.gatehouse.core.refresh.RefreshTokenStore;
import dev.gatehouse.core.revocation.RevocationStore;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.session.TokenHash;
import dev.gatehouse.core.token.RevokedTokenStore;
import dev.gatehouse.testkit.AccountStoreContract;
import dev.gatehouse.testkit.AuditStoreContract;
import dev.gatehouse.testkit.AuthorizationCodeStoreContract;
import dev.gatehouse.testkit.BackChannelLogoutStoreContract;
import dev.gatehouse.testkit.ClientStoreContract;
import dev.gatehouse.testkit.ConsentStoreContract;
import dev.gatehouse.testkit.EmailTokenStoreContract;
import dev.gatehouse.testkit.MailOutboxStoreContract;
import dev.gatehouse.testkit.RefreshTokenStoreContract;
import dev.gatehouse.testkit.RevocationStoreContract;
import dev.gatehouse.testkit.RevokedTokenStoreContract;
import dev.gatehouse.testkit.SessionStoreContract;
import dev.gatehouse.testkit.SigningKeyStoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * Every store contract, run against one database engine: a subclass says how to open an empty
 * database, and the same suites prove SQLite and PostgreSQL alike.
 */
public abstract class JdbcStoreContracts {
    private final List<JdbcDatabase> opened = new ArrayList<>();

    /** A freshly migrated database holding no rows; closed after the test. */
    protected abstract JdbcDatabase openEmptyDatabase();

    protected final JdbcDatabase open() {
        JdbcDatabase database = openEmptyDatabase();
        opened.add(database);
        return database;
    }

    @AfterEach
    final void closeDatabases() {
        opened.forEach(JdbcDatabase::close);
        opened.clear();
    }

    /** Rows the contracts assume exist, since the database enforces foreign keys the fakes cannot. */
    protected static void account(JdbcDatabase database, String name) {
        database.accounts()
                .insert(new Account(
                        new AccountId(name),
                        new EmailAddress(name + "@example.com"),
                        new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                        Role.USER,
                        false,
                        Instant.EPOCH));
    }

    /** A live session of account {@code ada} (which must exist), for the stores whose rows die with it. */
    protected static void session(JdbcDatabase database, SessionId id, char hashDigit, SessionKind kind) {
        database.sessions()
                .insert(new Session(
                        id,
                        new AccountId("ada"),
                        new TokenHash(String.valueOf(hashDigit).repeat(64)),
                        Instant.EPOCH,
                        Instant.EPOCH,
                        Instant.EPOCH.plusSeconds(3600),
                        new ClientDetails("::1", "test"),
                        kind));
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        protected AccountStore newStore() {
            return open().accounts();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore newStore() {
            JdbcDatabase database = open();
            account(database, "ada");
            account(database, "grace");
            return database.sessions();
        }
    }

    @Nested
    class SecondFactors extends dev.gatehouse.testkit.SecondFactorStoreContract {
        @Override
        protected dev.gatehouse.core.factor.SecondFactorStore newStore() {
            JdbcDatabase database = open();
            account(database, "ada");
            account(database, "grace");
            return database.secondFactors();
        }
    }

    @Nested
    class Passkeys extends dev.gatehouse.testkit.PasskeyStoreContract {
        @Override
        protected dev.gatehouse.core.passkey.PasskeyStore newStore() {
            JdbcDatabase database = open();
            account(database, "ada");
            account(database, "grace");
            return database.passkeys();
        }
    }

    @Nested
    class PendingLogins extends dev.gatehouse.testkit.PendingLoginStoreContract {
        @Override
        protected dev.gatehouse.core.login.PendingLoginStore newStore() {
            JdbcDatabase database = open();
            account(database, "ada");
            return database.pendingLogins();
        }
    }

    @Nested
    class Clients extends ClientStoreContract {
        @Override
        protected ClientStore newStore() {
            return open().clients();
        }
    }

    @Nested
    class SigningKeys extends SigningKeyStoreContract {
        @Override
        protected SigningKeyStore newStore() {
            return open().signingKeys();
        }
    }

    @Nested
    class RevokedTokens extends RevokedTokenStoreContract {
        @Override
        protected RevokedTokenStore newStore() {
            return open().revokedTokens();
        }
    }

    @Nested
    class Revocations extends RevocationStoreContract {
        @Override
        protected RevocationStore newStore() {
            return open().revocations();
        }
    }

    @Nested
    class MailOutbox extends MailOutboxStoreContract {
        @Override
        protected MailOutboxStore newStore() {
            return open().mailOutbox();
        }
    }

    @Nested
    class EmailTokens extends EmailTokenStoreContract {
        @Override
        protected EmailTokenStore newStore() {
            JdbcDatabase database = open();
            account(database, "ada");
            account(database, "grace");
            return database.emailTokens();
        }
    }

    @Nested
    class AuditEvents extends AuditStoreContract {
        @Override
        protected AuditStore newStore() {
            return open().auditEvents();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        private JdbcDatabase database;

        @Override
        protected RefreshTokenStore newStore() {
            database = open();
            account(database, "ada");
            session(database, SESSION, '0', SessionKind.APP);
            return database.refreshTokens();
        }

        @Override
        protected void deleteSession() {
            database.sessions().deleteAllOf(new AccountId("ada"), Optional.empty());
        }
    }

    @Nested
    class AuthorizationCodes extends AuthorizationCodeStoreContract {
        private JdbcDatabase database;

        @Override
        protected AuthorizationCodeStore newStore() {
            database = open();
            account(database, "ada");
            session(database, SESSION, '1', SessionKind.BROWSER);
            return database.authorizationCodes();
        }

        @Override
        protected void deleteSession() {
            database.sessions().deleteAllOf(new AccountId("ada"), Optional.empty());
        }
    }

    @Nested
    class Consents extends ConsentStoreContract {
        @Override
        protected ConsentStore newStore() {
            JdbcDatabase database = open();
            account(database, "ada");
            account(database, "grace");
            return database.consents();
        }
    }

    @Nested
    class BackChannelLogouts extends BackChannelLogoutStoreContract {
        private JdbcDatabase database;

        @Override
        protected BackChannelLogoutStore newStore() {
            database = open();
            account(database, "ada");
            session(database, SESSION, '2', SessionKind.BROWSER);
            return database.backChannelLogouts();
        }

        @Override
        protected void deleteSession() {
            database.sessions().deleteAllOf(new AccountId("ada"), Optional.empty());
        }
    }
}
