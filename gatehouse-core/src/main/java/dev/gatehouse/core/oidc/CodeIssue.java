package dev.gatehouse.core.oidc;

/** What became of issuing an authorization code. */
public sealed interface CodeIssue {

    /** @param code the code for the redirect; only its hash is kept */
    record Issued(String code) implements CodeIssue {
        @Override
        public String toString() {
            return "Issued[redacted]";
        }
    }

    record Refused(AuthorizationCheck.RedirectError error) implements CodeIssue {}
}
