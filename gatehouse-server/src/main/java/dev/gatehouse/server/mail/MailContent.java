package dev.gatehouse.server.mail;

import java.util.List;
import java.util.Optional;

/**
 * What one mail says, for its two templates ({@code mail/html.jte}, {@code mail/text.jte}).
 *
 * @param product the product's name, in the greeting and the signature
 * @param host the issuer's host, so the reader can tell which server wrote
 * @param link the page the mail's button opens, when it has one
 */
public record MailContent(
        String product,
        String host,
        String subject,
        String heading,
        List<String> paragraphs,
        Optional<String> link,
        String linkLabel,
        String footer) {

    public MailContent {
        paragraphs = List.copyOf(paragraphs);
    }
}
