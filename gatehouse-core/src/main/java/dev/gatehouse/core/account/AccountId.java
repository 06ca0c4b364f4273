package dev.gatehouse.core.account;

import dev.gatehouse.core.secret.RandomSource;
import java.util.HexFormat;

/** The stable, public identifier of an account: 128 random bits in hex, never derived from the email. */
public record AccountId(String value) {
    public AccountId {
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("account id must be 1 to 64 characters");
        }
    }

    /** The id in {@code text}, or empty when it cannot be one (from a URL, say). */
    public static java.util.Optional<AccountId> parse(String text) {
        return !text.isBlank() && text.length() <= 64
                ? java.util.Optional.of(new AccountId(text))
                : java.util.Optional.empty();
    }

    public static AccountId random(RandomSource random) {
        return new AccountId(HexFormat.of().formatHex(random.nextBytes(16)));
    }

    @Override
    public String toString() {
        return value;
    }
}
