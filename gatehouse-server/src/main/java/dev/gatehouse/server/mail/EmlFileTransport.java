package dev.gatehouse.server.mail;

import dev.gatehouse.core.mail.MailDeliveryException;
import dev.gatehouse.core.mail.MailMessage;
import dev.gatehouse.core.mail.MailTransport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The embedded default: each mail becomes an {@code .eml} file in the outbox folder, which any mail
 * program opens, so {@code ./gatehouse serve} works with no mail server. The folder is the owner's
 * alone (its mails hold live links); a file appears whole (written aside, then moved).
 */
public final class EmlFileTransport implements MailTransport {
    private final Path directory;
    private final MailRenderer renderer;
    private final Session session = Session.getInstance(new Properties());

    public EmlFileTransport(Path directory, MailRenderer renderer) {
        this.directory = directory;
        this.renderer = renderer;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void send(MailMessage message) {
        MimeMessage mime = renderer.render(session, message);
        String name =
                String.format("%010d-%s", message.outboxId(), message.kind().wireName());
        try {
            createPrivateDirectory();
            Path partial = directory.resolve("." + name + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                mime.writeTo(out);
            }
            Files.move(partial, directory.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            throw new MailDeliveryException("mail " + message.outboxId() + " could not be written to " + directory, e);
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            // Another thread made it first.
        }
    }
}
