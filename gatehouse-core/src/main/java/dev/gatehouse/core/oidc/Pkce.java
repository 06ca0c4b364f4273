package dev.gatehouse.core.oidc;

import dev.gatehouse.core.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 with the {@code S256} method only: {@code plain} would send the verifier in the clear. */
public final class Pkce {
    public static final String S256 = "S256";

    /** Section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** Section 4.2: BASE64URL(SHA256(verifier)) is always 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {}

    public static boolean isValidChallenge(String challenge) {
        return CHALLENGE.matcher(challenge).matches();
    }

    /** Section 4.6: whether {@code verifier} hashes to {@code challenge}, compared in constant time. */
    public static boolean verifies(String verifier, String challenge) {
        if (!VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        return Sha256.constantTimeEquals(challenge, challengeOf(verifier));
    }

    /** The S256 challenge of {@code verifier}. */
    public static String challengeOf(String verifier) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
