package dev.gatehouse.core.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * An email address in its one canonical form, so that look-alike spellings of one address cannot
 * become two accounts.
 *
 * <p>Canonical means: surrounding white space trimmed, Unicode NFKC (which folds composed and
 * decomposed accents, and full-width letters, into one spelling), then lower case, then NFKC again:
 * lower-casing can leave a letter and a combining accent that only then compose ("W" + ring above
 * becomes "ẘ"), and the form must not change when canonicalized twice. Only the canonical form is ever
 * stored or compared. Invisible characters (zero-width spaces, direction marks, fillers, variation
 * selectors), symbols and words mixing scripts are refused ({@link LookAlikes}), so that {@code
 * olga@example.com} and a look-alike with a hidden or borrowed character cannot be two accounts.
 */
public record EmailAddress(String value) {
    /** RFC 5321 section 4.5.3.1.3: a path is at most 256 octets, so an address at most 254. */
    public static final int MAX_LENGTH = 254;

    private static final int MAX_LOCAL_PART_LENGTH = 64;

    public EmailAddress {
        if (!isPlausible(value) || !canonicalize(value).equals(value)) {
            throw new IllegalArgumentException("not a canonical email address");
        }
    }

    /** The canonical address for {@code raw}, or empty when it is not a plausible address. */
    public static Optional<EmailAddress> parse(String raw) {
        if (raw.length() > MAX_LENGTH * 4) {
            return Optional.empty();
        }
        String canonical = canonicalize(raw);
        // A form that canonicalizing changes again is no address we could store and find again.
        return isPlausible(canonical)
                        && isPlainMailbox(canonical)
                        && canonicalize(canonical).equals(canonical)
                ? Optional.of(new EmailAddress(canonical))
                : Optional.empty();
    }

    /**
     * A dot-atom local part and a host name, nothing of RFC 5322's richer syntax: a comment ({@code
     * victim(x)@corp.example}), a group's colon or a domain literal ({@code x@[127.0.0.1]}) made the
     * mailer write the mail to another mailbox than the address the account holds (the comment became
     * the display name, {@code victim} an unqualified local part), so a link sent "to the address"
     * proved nothing about it. Beyond ASCII, only letters, digits and combining marks that show, and each
     * of the local part and the domain's labels in one script ({@link LookAlikes}). Checked on what people
     * type; addresses already stored stay readable.
     */
    private static boolean isPlainMailbox(String address) {
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        boolean localOk = local.codePoints().noneMatch(c -> c == '(' || c == ')' || c == ':' || c == '[' || c == ']');
        boolean domainOk = domain.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.');
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-") || !LookAlikes.isOneScript(label)) {
                return false;
            }
        }
        return localOk
                && domainOk
                && address.codePoints().allMatch(LookAlikes::mayAppear)
                && LookAlikes.isOneScript(local);
    }

    /**
     * The form a login identifier is counted under by the rate limits: the canonical address, or the
     * trimmed text when it is no address at all, so "Ada@Example.com" and "ada@example.com" share one
     * count and a malformed identifier still has one.
     */
    public static String identifier(String raw) {
        return parse(raw).map(EmailAddress::value).orElse(raw.strip());
    }

    private static String canonicalize(String raw) {
        String lowered = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(lowered, Normalizer.Form.NFKC);
    }

    /** The part before the {@code @}: a context word a password must not equal. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    private static boolean isPlausible(String address) {
        int at = address.lastIndexOf('@');
        if (address.length() > MAX_LENGTH || at < 1 || at > MAX_LOCAL_PART_LENGTH || at == address.length() - 1) {
            return false;
        }
        if (address.indexOf('@') != at) {
            return false;
        }
        String domain = address.substring(at + 1);
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return false;
        }
        return address.codePoints()
                .noneMatch(c -> Character.isWhitespace(c)
                        || Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT
                        || c == '<'
                        || c == '>'
                        || c == '"'
                        || c == ','
                        || c == ';'
                        || c == '\\');
    }

    @Override
    public String toString() {
        return value;
    }
}
