package dev.gatehouse.server.http;

import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.PendingLogins;
import dev.gatehouse.core.login.SecondFactorAttempt;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON API's side of a sign-in with a second factor: the {@code mfa-required} problem and the completion body. */
final class SecondFactorProblems {
    private SecondFactorProblems() {}

    /**
     * RFC 9457 problem {@code mfa-required} with extension members: the pending login's token (for
     * {@code POST /v1/sessions/mfa} or {@code /v1/tokens/mfa}), the methods it accepts and its lifetime.
     */
    record MfaRequired(
            String type,
            String title,
            int status,
            String detail,
            String mfaToken,
            List<String> methods,
            long expiresIn) {}

    /** The body of {@code POST /v1/sessions/mfa} and {@code /v1/tokens/mfa}: the token and one proof. */
    record Completion(
            @Nullable String mfaToken,
            @Nullable String code,
            @Nullable String recoveryCode,
            @Nullable String clientId,
            @Nullable String deviceToken) {

        String requiredToken() {
            return Fields.required(mfaToken, "mfa_token");
        }

        SecondFactorAttempt.Proof proof() {
            if (code != null && recoveryCode == null) {
                return new SecondFactorAttempt.TotpCode(code);
            }
            if (recoveryCode != null && code == null) {
                return new SecondFactorAttempt.RecoveryCode(recoveryCode);
            }
            throw new ProblemException(Problem.invalidRequest("Send exactly one of code and recovery_code."));
        }
    }

    static void mfaRequired(HttpIo io, ServerResponse response, LoginOutcome.SecondFactorRequired required) {
        response.header("Cache-Control", "no-store");
        ProblemType type = ProblemType.MFA_REQUIRED;
        io.problem(
                response,
                type.status(),
                new MfaRequired(
                        type.uri(),
                        type.title(),
                        type.status(),
                        "The password is right; complete the sign-in with a second factor.",
                        required.token().reveal(),
                        apiMethods(required.methods()),
                        PendingLogins.LIFETIME.toSeconds()));
    }

    /**
     * The methods this API can complete. A passkey answers a WebAuthn challenge bound to a browser's
     * {@code __Host-} cookie and the page's origin, so it completes on the hosted page
     * ({@code /login/second-factor}), not here.
     */
    static List<String> apiMethods(List<String> methods) {
        return methods.stream().filter(m -> !m.equals("passkey")).toList();
    }

    /** A wrong code, or a pending login that is over: the sign-in does not go ahead. */
    static ProblemException refused(LoginOutcome outcome) {
        return new ProblemException(Problem.of(
                ProblemType.INVALID_CREDENTIALS,
                outcome instanceof LoginOutcome.SignInAgain
                        ? "This sign-in has expired or was used up; sign in again with the password."
                        : "That code is not right."));
    }
}
