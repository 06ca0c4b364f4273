package dev.gatehouse.core.account;

/** Why a new password was refused. NIST SP 800-63B section 3.1.1.2: length and blocklist only. */
public enum PasswordProblem {
    TOO_SHORT,
    TOO_LONG,
    COMMON,
    CONTAINS_ACCOUNT_NAME,
    /** Little is left once the email's local part and the service's name are taken out. */
    BUILT_FROM_CONTEXT
}
