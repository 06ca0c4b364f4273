package dev.gatehouse.core.email;

import java.time.Duration;

/** What a link's token may be used for, and how long it works. */
public enum EmailTokenPurpose {
    /** Set a new password (ASVS 5.0 6.4.1: short-lived, single use). */
    PASSWORD_RESET(Duration.ofMinutes(30)),
    /** Prove the account's address is its owner's. */
    VERIFY_ADDRESS(Duration.ofHours(24)),
    /** Make the address the link was sent to the account's address. */
    ADDRESS_CHANGE(Duration.ofHours(1));

    private final Duration lifetime;

    EmailTokenPurpose(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }
}
