package dev.gatehouse.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.mail.MailDeliveryException;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailMessage;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail reaches a real SMTP server, only over TLS unless plain text is allowed, with both bodies. */
class SmtpTransportIT {
    private static final String LINK = "https://auth.example.test/password-reset/new?token=" + "A".repeat(43);
    private static final MailMessage RESET = new MailMessage(
            7, MailKind.PASSWORD_RESET, new EmailAddress("ada@example.com"), Optional.of(LINK), Duration.ofMinutes(30));

    @TempDir
    Path directory;

    private final TestMailServer server = TestMailServer.plain();
    private final MailRenderer renderer = new MailRenderer(
            "Gatehouse <gatehouse@auth.example.test>", URI.create("https://auth.example.test"), Clock.systemUTC());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsOverStartTlsCheckingTheCertificate() throws Exception {
        try (StartTlsRelay relay = new StartTlsRelay(directory, server.port())) {
            SmtpTransport transport = SmtpTransport.of(
                    "smtp://127.0.0.1:" + relay.port(), false, renderer, Optional.of(relay.trustingItsCertificate()));

            transport.send(RESET);

            MimeMessage mail = server.awaitMail("ada@example.com", 1);
            assertThat(mail.getSubject()).isEqualTo("Set a new password for auth.example.test");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("Gatehouse <gatehouse@auth.example.test>");
            assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(TestMailServer.part(mail, "text/plain")).contains(LINK).contains("30 minutes");
            assertThat(TestMailServer.part(mail, "text/html"))
                    .contains("href=\"" + LINK + "\"")
                    .contains("auth.example.test");
            assertThat(TestMailServer.link(mail)).isEqualTo(LINK);
        }
    }

    @Test
    void refusesAServerWhoseCertificateItDoesNotTrust() {
        try (StartTlsRelay relay = new StartTlsRelay(directory, server.port())) {
            SmtpTransport transport = SmtpTransport.of("smtp://127.0.0.1:" + relay.port(), false, renderer);

            assertThatThrownBy(() -> transport.send(RESET)).isInstanceOf(MailDeliveryException.class);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void refusesToSendInPlainTextWhenTheServerOffersNoStartTls() {
        SmtpTransport transport = SmtpTransport.of(server.url(), false, renderer);

        assertThatThrownBy(() -> transport.send(RESET))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
        assertThat(server.received()).isEmpty();
    }

    @Test
    void sendsInPlainTextOnlyWhenAllowedForDevelopment() {
        SmtpTransport.of(server.url(), true, renderer).send(RESET);

        assertThat(TestMailServer.link(server.awaitMail("ada@example.com", 1))).isEqualTo(LINK);
    }

    @Test
    void logsInWithoutShowingThePassword() {
        SmtpTransport transport =
                SmtpTransport.of("smtp://mailer:s3cret%2Fpass@127.0.0.1:" + server.port(), true, renderer);

        assertThat(transport.describe())
                .isEqualTo("smtp://127.0.0.1:" + server.port() + " as mailer")
                .doesNotContain("s3cret");
    }
}
