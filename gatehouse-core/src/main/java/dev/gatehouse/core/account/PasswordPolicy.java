package dev.gatehouse.core.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be, after NIST SP 800-63B section 3.1.1.2 and OWASP ASVS 5 chapter 6:
 * long enough, not absurdly long, not on a list of common passwords, not built from context words (the
 * account's name, the service's name). No composition rules and no truncation.
 *
 * @param minCodePoints at least this many characters (Unicode code points)
 * @param maxBytes at most this many UTF-8 bytes, checked before any hashing
 * @param serviceWords words naming this service ("gatehouse", the issuer's host labels), lower case
 */
public record PasswordPolicy(
        int minCodePoints, int maxBytes, CommonPasswords commonPasswords, List<String> serviceWords) {
    /** Context words shorter than this are too common inside ordinary passphrases to hold against one. */
    private static final int MIN_CONTEXT_WORD = 3;

    public static final int DEFAULT_MIN_CODE_POINTS = 8;
    public static final int DEFAULT_MAX_BYTES = 1024;

    public PasswordPolicy {
        if (minCodePoints < 8 || maxBytes < 64 || maxBytes > 4096) {
            throw new IllegalArgumentException("password policy needs min >= 8 characters and 64 <= max <= 4096 bytes");
        }
        serviceWords =
                serviceWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    public static PasswordPolicy defaults() {
        return new PasswordPolicy(
                DEFAULT_MIN_CODE_POINTS, DEFAULT_MAX_BYTES, CommonPasswords.bundled(), List.of("gatehouse"));
    }

    /** This policy with {@code words} (say, the issuer's host labels) added to the service's name. */
    public PasswordPolicy withServiceWords(List<String> words) {
        List<String> all = new ArrayList<>(serviceWords);
        all.addAll(words);
        return new PasswordPolicy(minCodePoints, maxBytes, commonPasswords, all);
    }

    /** True when the password is too long to be worth hashing: no account can have it. */
    public boolean tooLongToHash(Password password) {
        return password.lengthInBytes() > maxBytes;
    }

    /** The first problem with {@code password} for the account {@code email}, if any. */
    public Optional<PasswordProblem> check(Password password, EmailAddress email) {
        if (tooLongToHash(password)) {
            return Optional.of(PasswordProblem.TOO_LONG);
        }
        if (password.lengthInCodePoints() < minCodePoints) {
            return Optional.of(PasswordProblem.TOO_SHORT);
        }
        String secret = password.reveal();
        if (commonPasswords.contains(secret)) {
            return Optional.of(PasswordProblem.COMMON);
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        if (lower.equals(email.value()) || lower.equals(email.localPart())) {
            return Optional.of(PasswordProblem.CONTAINS_ACCOUNT_NAME);
        }
        // "ada2026!" for ada@example.com or "Gatehouse1" at Gatehouse: guessable from context alone.
        String rest = lower;
        List<String> context = new ArrayList<>(serviceWords);
        context.add(email.localPart());
        for (String word : context) {
            if (word.length() >= MIN_CONTEXT_WORD) {
                rest = rest.replace(word, "");
            }
        }
        if (!rest.equals(lower)) {
            if (rest.codePointCount(0, rest.length()) < minCodePoints) {
                return Optional.of(PasswordProblem.BUILT_FROM_CONTEXT);
            }
            if (commonPasswords.contains(rest)) {
                return Optional.of(PasswordProblem.COMMON);
            }
        }
        return Optional.empty();
    }
}
