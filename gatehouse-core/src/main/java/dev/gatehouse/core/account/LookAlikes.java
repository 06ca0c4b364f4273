package dev.gatehouse.core.account;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What keeps two e-mail addresses that look the same from being two accounts, beyond what NFKC and
 * lower case fold: characters that show nothing, and words that mix scripts.
 *
 * <p>An outside test signed up nine accounts that all read {@code bob@example.com} in the admin console:
 * {@code bob} followed by a combining grapheme joiner, a Hangul filler, a Braille blank, a variation
 * selector and others, and one at {@code exаmple.com} with a Cyrillic {@code а}. An administrator could
 * lock the wrong one, or trust an impostor; each had a lock-out count of its own.
 */
final class LookAlikes {
    /**
     * Letters and combining marks that are {@code Default_Ignorable_Code_Point} (Unicode's
     * DerivedCoreProperties): they draw nothing. The other ignorable code points are format characters or
     * unassigned, which {@link #mayAppear} refuses by their category.
     */
    private static final List<int[]> INVISIBLE_LETTERS_AND_MARKS = List.of(
            new int[] {0x034F, 0x034F}, // combining grapheme joiner
            new int[] {0x115F, 0x1160}, // Hangul choseong and jungseong fillers
            new int[] {0x17B4, 0x17B5}, // Khmer inherent vowels
            new int[] {0x180B, 0x180D}, // Mongolian free variation selectors
            new int[] {0x180F, 0x180F},
            new int[] {0x3164, 0x3164}, // Hangul filler
            new int[] {0xFE00, 0xFE0F}, // variation selectors
            new int[] {0xFFA0, 0xFFA0}, // half-width Hangul filler
            new int[] {0xE0100, 0xE01EF}); // variation selectors supplement

    /**
     * Scripts that may share one word (UTS #39 section 5.2, "highly restrictive"): Japanese, Chinese and
     * Korean writing mixes Han with its own scripts, and with Latin.
     */
    private static final List<Set<UnicodeScript>> SCRIPTS_USED_TOGETHER = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private LookAlikes() {}

    /**
     * Whether {@code c} may appear in an address: any printable ASCII character (what the address's own
     * syntax allows is checked elsewhere), and beyond ASCII only letters, decimal digits and combining
     * marks, as in an identifier of PRECIS (RFC 8264 section 9.1), none of them invisible. Symbols
     * (a Braille blank, an emoji), spaces and format characters are refused.
     */
    static boolean mayAppear(int c) {
        if (c < 0x80) {
            return c > 0x20 && c < 0x7F;
        }
        int type = Character.getType(c);
        boolean letterDigitOrMark = Character.isLetter(c)
                || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
        return letterDigitOrMark && !isInvisible(c);
    }

    /**
     * Whether {@code word} (a local part, or one label of a domain) is written in one script, or in
     * scripts used together: {@code exаmple} with a Cyrillic {@code а} is not. Digits and punctuation
     * (script Common) and combining marks (Inherited) go with any script.
     */
    static boolean isOneScript(String word) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        word.codePoints()
                .mapToObj(UnicodeScript::of)
                .filter(script -> script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED)
                .forEach(scripts::add);
        return scripts.size() <= 1
                || SCRIPTS_USED_TOGETHER.stream().anyMatch(together -> together.containsAll(scripts));
    }

    private static boolean isInvisible(int c) {
        for (int[] range : INVISIBLE_LETTERS_AND_MARKS) {
            if (c >= range[0] && c <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
