package dev.gatehouse.core.limit;

/** What a client may try only so often. */
public enum LimitedAction {
    SIGN_UP,
    LOGIN,
    REFRESH,
    PASSWORD_CHANGE,
    INTROSPECTION,
    REVOCATION,
    /** Asking for a password-reset link (per address and per target address). */
    PASSWORD_RESET,
    /** Asking for an address-verification or address-change link (per address and per target account). */
    EMAIL_LINK,
    /** Using a mailed link's token: failures per address. */
    EMAIL_TOKEN
}
