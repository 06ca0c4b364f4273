package dev.gatehouse.server.app;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.email.AccountMails;
import dev.gatehouse.core.email.EmailTokens;
import dev.gatehouse.core.mail.MailDelivery;
import dev.gatehouse.core.mail.MailTransport;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.mail.EmlFileTransport;
import dev.gatehouse.server.mail.MailRenderer;
import dev.gatehouse.server.mail.MailWorker;
import dev.gatehouse.server.mail.SmtpTransport;
import dev.gatehouse.store.jdbc.JdbcDatabase;
import java.time.Clock;

/** Where the outbox's mails go: over SMTP when a server is configured, else into {@code .eml} files. */
final class MailSetup {
    private MailSetup() {}

    /**
     * @param worker sends the outbox's mails once started
     * @param destination one line for the operator saying where mail goes
     */
    record Sending(MailWorker worker, String destination) {}

    static Sending sending(
            GatehouseConfig config,
            JdbcDatabase database,
            AccountService accounts,
            EmailTokens emailTokens,
            Clock clock) {
        MailRenderer renderer = new MailRenderer(config.mailFrom(), config.issuer(), clock);
        MailTransport transport;
        String destination;
        if (config.smtpUrl().isPresent()) {
            SmtpTransport smtp = SmtpTransport.of(config.smtpUrl().get(), config.smtpAllowsPlaintext(), renderer);
            destination = "mail goes over SMTP to " + smtp.describe();
            transport = smtp;
        } else {
            EmlFileTransport files = new EmlFileTransport(config.mailOutboxDirectory(), renderer);
            destination =
                    "no GATEHOUSE_SMTP_URL: mails are written as .eml files to " + files.directory() + ", not sent";
            transport = files;
        }
        MailWorker worker = new MailWorker(new MailDelivery(
                database.mailOutbox(),
                new AccountMails(accounts, emailTokens, config.issuer().toString()),
                transport,
                clock));
        return new Sending(worker, destination);
    }
}
