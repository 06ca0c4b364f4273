package dev.gatehouse.core.account;

/** A new password checked against the policy and hashed, not stored yet (a reset stores it with its token's use). */
public sealed interface PreparedPassword {

    record Ready(PasswordHash hash) implements PreparedPassword {}

    record Weak(PasswordProblem problem) implements PreparedPassword {}
}
