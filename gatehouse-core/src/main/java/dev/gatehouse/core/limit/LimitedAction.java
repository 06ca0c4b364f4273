package dev.gatehouse.core.limit;

/** What a client may try only so often. */
public enum LimitedAction {
    SIGN_UP,
    LOGIN,
    REFRESH,
    PASSWORD_CHANGE,
    INTROSPECTION,
    REVOCATION
}
