package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void foldsCaseAndSurroundingSpace() {
        assertThat(EmailAddress.parse("  Ada@Example.COM ")).contains(new EmailAddress("ada@example.com"));
    }

    @Test
    void foldsComposedAndDecomposedAccentsIntoOneAddress() {
        String composed = "jos\u00e9@example.com";
        String decomposed = "jose\u0301@example.com";

        assertThat(EmailAddress.parse(composed)).isEqualTo(EmailAddress.parse(decomposed));
    }

    @Test
    void aCapitalWhoseAccentOnlyComposesOnceLowerCasedParsesInsteadOfThrowing() {
        for (String raw : new String[] {"W\u030aada@example.com", "J\u030cohn@example.com", "T\u0308om@example.com"}) {
            var parsed = EmailAddress.parse(raw);

            assertThat(parsed).as(raw).isPresent();
            assertThat(EmailAddress.parse(parsed.orElseThrow().value())).contains(parsed.orElseThrow());
        }
    }

    /** Greek letters whose NFKC-then-lower-case form an outside attack found unstable (issue 12). */
    @ParameterizedTest
    @ValueSource(
            ints = {0x0386, 0x0388, 0x0389, 0x038A, 0x038C, 0x038E, 0x038F, 0x03AA, 0x03AB, 0x1FBA, 0x1FC8, 0x1FCA})
    void everyUnstableSpellingEitherParsesToAFixedPointOrIsRefusedNeverThrown(int codePoint) {
        String raw = "a" + Character.toString(codePoint) + "\u0345@x.com";

        var parsed = EmailAddress.parse(raw);

        parsed.ifPresent(
                address -> assertThat(EmailAddress.parse(address.value())).contains(address));
        assertThat(EmailAddress.identifier(raw)).isNotBlank();
    }

    @Test
    void refusesInvisibleFormatCharactersThatWouldMakeALookAlikeAccount() {
        assertThat(EmailAddress.parse("olga@example.com\u200b")).isEmpty();
        assertThat(EmailAddress.parse("ol\u200dga@example.com")).isEmpty();
        assertThat(EmailAddress.parse("\u202eolga@example.com")).isEmpty();
    }

    /**
     * Found by an outside test: each signed up an account that reads {@code bob@example.com} in the
     * console, beside the real one. Invisible letters and marks, a blank symbol, and a Cyrillic letter in a
     * Latin word.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "bob\u034f@example.com", // combining grapheme joiner
                "bob\u3164@example.com", // Hangul filler
                "bob\uffa0@example.com", // half-width Hangul filler
                "bob\u115f@example.com", // Hangul choseong filler
                "bob\u2800@example.com", // Braille blank
                "bob\ufe00@example.com", // variation selector
                "bob\udb40\udd00@example.com", // variation selector 17
                "bob\u17b4@example.com", // Khmer inherent vowel
                "bob\u180b@example.com", // Mongolian free variation selector
                "bob@ex\u0430mple.com", // Cyrillic a
                "b\u043eb@example.com", // Cyrillic o
                "bob@example.c\u043em",
                "bob\ud83d\udd11@example.com" // an emoji
            })
    void refusesInvisibleCharactersSymbolsAndMixedScriptsThatWouldMakeALookAlikeAccount(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    /** One script a word, or the scripts that are written together: Han with kana, Bopomofo or Hangul. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ivan@example.com",
                "\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", // Cyrillic
                "\u0438\u0432\u0430\u043d@example.com", // a Cyrillic name at a Latin domain
                "jose\u0301@example.com", // Latin with a combining accent, composed by NFKC
                "\u092e\u0928\u094b\u091c@example.in", // Devanagari with its vowel signs (marks)
                "\u5c71\u7530\u305f\u308d\u3046@\u4f8b\u3048.jp", // Han with Hiragana
                "user2024@\u4f8b\u5b50.\u5e7f\u544a",
                "\uae40\u6f22@example.kr" // Hangul with Han
            })
    void acceptsAddressesWrittenInOneScriptOrInScriptsUsedTogether(String raw) {
        assertThat(EmailAddress.parse(raw)).as(raw).isPresent();
    }

    @Test
    void foldsFullWidthLettersIntoTheirAsciiLookAlikes() {
        assertThat(EmailAddress.parse("\uff41da@example.com")).contains(new EmailAddress("ada@example.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "@example.com",
                "ada@",
                "ada@@example.com",
                "a da@example.com",
                "ada@example..com",
                "ada@.example.com",
                "ada@example.com.",
                "ada\u0000@example.com",
                "<ada>@example.com"
            })
    void refusesWhatCannotBeAnAddress(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    /** The outside attack's addresses, which the mailer read as other mailboxes than the account's. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a(comment)b@example.com",
                "victim(x)@corp.example",
                "mallory@evil.example(c)",
                "x@[127.0.0.1]",
                "ceo:x@evil.example",
                ".ada@example.com",
                "ada.@example.com",
                "a..da@example.com",
                "ada@-example.com",
                "ada@example-.com",
                "ada@exa_mple.com",
                "ada@exa!mple.com"
            })
    void refusesRfc5322SyntaxThatAMailerReadsAsAnotherMailbox(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ada.lovelace+gatehouse@example.com",
                "o'brien@example.ie",
                "ada@xn--bcher-kva.example",
                "ada@bücher.example"
            })
    void acceptsPlainMailboxes(String raw) {
        assertThat(EmailAddress.parse(raw)).isPresent();
    }

    @Test
    void refusesAnAddressLongerThanRfc5321Allows() {
        String local = "a".repeat(64);
        String domain = "b".repeat(190) + ".example";

        assertThat(EmailAddress.parse(local + "@" + domain)).isEmpty();
    }

    @Test
    void cannotBeBuiltFromANonCanonicalSpelling() {
        assertThatThrownBy(() -> new EmailAddress("Ada@example.com")).isInstanceOf(IllegalArgumentException.class);
    }
}
