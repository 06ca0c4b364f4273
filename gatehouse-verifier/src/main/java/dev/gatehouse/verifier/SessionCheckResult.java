package dev.gatehouse.verifier;

/** What {@link GatehouseVerifier#checkSessionCookie} found. */
public sealed interface SessionCheckResult {

    record Active(SessionPrincipal principal) implements SessionCheckResult {}

    /** Unknown, expired or revoked — or Gatehouse could not be asked (fail closed). {@code detail} is for logs. */
    record Inactive(String detail) implements SessionCheckResult {}
}
