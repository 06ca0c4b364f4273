package dev.gatehouse.core.audit;

import java.util.Locale;

/** Every security-relevant act Gatehouse records. The wire name is the lower-case name. */
public enum AuditType {
    SIGN_UP,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGOUT,
    SESSION_REVOKED,
    REFRESH_ROTATED,
    REFRESH_REUSE_DETECTED,
    TOKEN_REVOKED,
    PASSWORD_CHANGED,
    RATE_LIMITED,
    ACCOUNT_LOCKED_OUT,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    ACCOUNT_DELETED,
    KEY_ROTATED,
    CLIENT_CREATED,
    CLIENT_DELETED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_RESET,
    EMAIL_VERIFICATION_REQUESTED,
    EMAIL_VERIFIED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGED,
    SECOND_FACTOR_ENROLLED,
    SECOND_FACTOR_REMOVED,
    SECOND_FACTORS_RESET,
    RECOVERY_CODES_REGENERATED,
    RECOVERY_CODE_USED,
    CONSENT_GRANTED,
    CONSENT_REVOKED,
    AUTHORIZATION_CODE_REUSED,
    /** A passkey's signature counter did not advance: its authenticator may have been cloned. */
    PASSKEY_CLONE_SUSPECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static java.util.Optional<AuditType> fromWire(String name) {
        for (AuditType type : values()) {
            if (type.wireName().equals(name)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
