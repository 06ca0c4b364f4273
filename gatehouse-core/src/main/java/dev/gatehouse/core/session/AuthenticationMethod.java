package dev.gatehouse.core.session;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a session's person proved who they are: the {@code amr} values of RFC 8176 section 2, the wire
 * name being the lower-case name.
 */
public enum AuthenticationMethod {
    /** A password. */
    PWD,
    /** A one-time password: an authenticator app's code, or a recovery code. */
    OTP,
    /** A proof of possession of a hardware-secured key: a device-bound passkey. */
    HWK,
    /** A proof of possession of a software-secured key: a synced passkey. */
    SWK,
    /** More than one factor (RFC 8176: "multiple-factor authentication"). */
    MFA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuthenticationMethod> fromWire(String name) {
        for (AuthenticationMethod method : values()) {
            if (method.wireName().equals(name)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    /** The wire names in declaration order, as tokens and the store carry them. */
    public static List<String> wireNames(Collection<AuthenticationMethod> methods) {
        return (methods.isEmpty() ? EnumSet.noneOf(AuthenticationMethod.class) : EnumSet.copyOf(methods))
                .stream().map(AuthenticationMethod::wireName).toList();
    }

    /** The methods in a space-separated list of wire names; unknown names are skipped. */
    public static Set<AuthenticationMethod> parseList(String spaceSeparated) {
        EnumSet<AuthenticationMethod> methods = EnumSet.noneOf(AuthenticationMethod.class);
        for (String name : spaceSeparated.trim().split("\\s+")) {
            fromWire(name).ifPresent(methods::add);
        }
        return Set.copyOf(methods);
    }

    /** A password alone. */
    public static final Set<AuthenticationMethod> PASSWORD = Set.of(PWD);

    /** A password and a one-time code. */
    public static final Set<AuthenticationMethod> PASSWORD_AND_CODE = Set.of(PWD, OTP, MFA);
}
