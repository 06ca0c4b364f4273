package dev.gatehouse.server.http;

import org.jspecify.annotations.Nullable;

/** The JSON shapes of request bodies. Field names are snake_case on the wire. */
final class Requests {
    private Requests() {}

    record Credentials(@Nullable String email, @Nullable String password) {
        String requiredEmail() {
            return Fields.required(email, "email");
        }

        String requiredPassword() {
            return Fields.required(password, "password");
        }
    }

    record EmailOnly(@Nullable String email) {
        String requiredEmail() {
            return Fields.required(email, "email");
        }
    }

    /** @param code the authenticator app's current code: needed when the account has one (step-up) */
    record AddressChange(
            @Nullable String currentPassword,
            @Nullable String newEmail,
            @Nullable String code) {
        String requiredCurrent() {
            return Fields.required(currentPassword, "current_password");
        }

        String requiredNew() {
            return Fields.required(newEmail, "new_email");
        }
    }

    record TokenOnly(@Nullable String token) {
        String requiredToken() {
            return Fields.required(token, "token");
        }
    }

    record TokenAndPassword(
            @Nullable String token, @Nullable String password) {
        String requiredToken() {
            return Fields.required(token, "token");
        }

        String requiredPassword() {
            return Fields.required(password, "password");
        }
    }

    /** @param code the authenticator app's current code: needed when the account has one (step-up) */
    record PasswordChange(
            @Nullable String currentPassword,
            @Nullable String newPassword,
            @Nullable String code) {
        String requiredCurrent() {
            return Fields.required(currentPassword, "current_password");
        }

        String requiredNew() {
            return Fields.required(newPassword, "new_password");
        }
    }
}
