package dev.gatehouse.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a mail server, each mail is an .eml file in a folder only the owner can read. */
class EmlFileTransportTest {
    @TempDir
    Path dataDirectory;

    @Test
    void writesEachMailAsAnEmlFileAMailProgramCanRead() throws Exception {
        Path outbox = dataDirectory.resolve("outbox");
        var transport = new EmlFileTransport(
                outbox,
                new MailRenderer("gatehouse@localhost", URI.create("http://localhost:8080"), Clock.systemUTC()));

        transport.send(new MailMessage(
                3, MailKind.PASSWORD_CHANGED, new EmailAddress("ada@example.com"), Optional.empty(), Duration.ZERO));

        List<Path> files;
        try (var listing = Files.list(outbox)) {
            files = listing.toList();
        }
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("0000000003-password_changed.eml");
        assertThat(Files.getPosixFilePermissions(outbox))
                .isEqualTo(Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        try (InputStream in = Files.newInputStream(files.getFirst())) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mail.getSubject()).isEqualTo("Your password on localhost was changed");
            assertThat(TestMailServer.part(mail, "text/plain")).contains("ada@example.com");
            assertThat(TestMailServer.part(mail, "text/html")).contains("Your password was changed");
        }
    }
}
