package dev.gatehouse.core.passkey;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One registered passkey of an account.
 *
 * @param name what the person called it, shown on the account page
 * @param publicKeyCose the credential public key as the authenticator gave it, a COSE_Key (RFC 9052
 *     section 7)
 * @param signatureCounter the last signature counter seen; zero when the authenticator keeps none
 *     (WebAuthn section 6.1.1)
 * @param backupEligible the BE flag: the credential may be synced to other devices
 * @param backupState the BS flag last seen: it is backed up now
 * @param transports how the browser said it can reach the authenticator ({@code internal}, {@code usb}, ...)
 */
public record Passkey(
        PasskeyId id,
        AccountId accountId,
        String name,
        byte[] publicKeyCose,
        long signatureCounter,
        boolean backupEligible,
        boolean backupState,
        List<String> transports,
        Instant createdAt,
        Optional<Instant> lastUsedAt) {
    public static final int MAXIMUM_NAME_LENGTH = 64;

    /**
     * {@code raw} trimmed, when it makes a name to show in a list: 1 to {@value #MAXIMUM_NAME_LENGTH}
     * characters (code points, so an emoji counts once), none of them a control character, a line or
     * paragraph separator, an unpaired surrogate, an unassigned code point or an invisible formatting
     * character (a right-to-left override could make "gnp.exe" read "exe.png"; the zero-width joiner of
     * emoji sequences is kept).
     */
    public static Optional<String> acceptableName(String raw) {
        String trimmed = raw.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        boolean plain = trimmed.codePoints()
                .allMatch(c -> c == 0x200D
                        || switch (Character.getType(c)) {
                            case Character.CONTROL,
                                    Character.FORMAT,
                                    Character.LINE_SEPARATOR,
                                    Character.PARAGRAPH_SEPARATOR,
                                    Character.SURROGATE,
                                    Character.UNASSIGNED -> false;
                            default -> true;
                        });
        return length >= 1 && length <= MAXIMUM_NAME_LENGTH && plain ? Optional.of(trimmed) : Optional.empty();
    }

    public Passkey {
        publicKeyCose = publicKeyCose.clone();
        transports = List.copyOf(transports);
        if (name.isBlank() || name.codePointCount(0, name.length()) > MAXIMUM_NAME_LENGTH) {
            throw new IllegalArgumentException("passkey name must be 1 to " + MAXIMUM_NAME_LENGTH + " characters");
        }
        if (signatureCounter < 0 || signatureCounter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("signature counter is 32 bits unsigned, was " + signatureCounter);
        }
    }

    @Override
    public byte[] publicKeyCose() {
        return publicKeyCose.clone();
    }

    /** The same passkey after a use: the new counter and backup state, used at {@code usedAt}. */
    public Passkey usedAt(Instant usedAt, long counter, boolean backedUp) {
        return new Passkey(
                id,
                accountId,
                name,
                publicKeyCose,
                counter,
                backupEligible,
                backedUp,
                transports,
                createdAt,
                Optional.of(usedAt));
    }

    /** Software-bound (synced) or hardware-bound, for the session's amr (RFC 8176 section 2). */
    public boolean synced() {
        return backupEligible;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Passkey that
                && id.equals(that.id)
                && accountId.equals(that.accountId)
                && name.equals(that.name)
                && Arrays.equals(publicKeyCose, that.publicKeyCose)
                && signatureCounter == that.signatureCounter
                && backupEligible == that.backupEligible
                && backupState == that.backupState
                && transports.equals(that.transports)
                && createdAt.equals(that.createdAt)
                && lastUsedAt.equals(that.lastUsedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Passkey[id=" + id + ", accountId=" + accountId + ", name=" + name + ", publicKeyCose="
                + HexFormat.of().formatHex(publicKeyCose) + ", signatureCounter=" + signatureCounter
                + ", backupEligible=" + backupEligible + ", backupState=" + backupState + ", transports="
                + transports + ", createdAt=" + createdAt + ", lastUsedAt=" + lastUsedAt + "]";
    }
}
