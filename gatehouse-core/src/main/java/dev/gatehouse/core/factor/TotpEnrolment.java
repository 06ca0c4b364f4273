package dev.gatehouse.core.factor;

/**
 * An authenticator app being set up: what the account page shows once, as a QR code and as text.
 *
 * @param secret the shared secret in base32, for typing into an app
 * @param keyUri the {@code otpauth://totp/...} URI the QR code carries (Google Authenticator's key URI format)
 */
public record TotpEnrolment(String secret, String keyUri) {
    @Override
    public String toString() {
        return "TotpEnrolment[redacted]";
    }
}
