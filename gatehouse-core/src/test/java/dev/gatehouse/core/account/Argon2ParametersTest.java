package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2ParametersTest {
    @Test
    void everyOwaspSettingAndTheDefaultMeetOwasp() {
        assertThat(Argon2Parameters.OWASP_SETTINGS)
                .allSatisfy(setting -> assertThat(setting.meetsOwasp()).isTrue());
        assertThat(Argon2Parameters.OWASP_SETTINGS).contains(Argon2Parameters.DEFAULT);
        assertThat(Argon2Parameters.OWASP_SETTINGS)
                .allSatisfy(setting -> assertThat(setting.memoryKib())
                        .isGreaterThanOrEqualTo(Argon2Parameters.OWASP_LEAST_MEMORY_KIB));
        assertThat(Argon2Parameters.OWASP_LEAST_MEMORY_KIB).isEqualTo(7_168);
    }

    @Test
    void theSettingsReadAsTheCheatSheetListsThem() {
        assertThat(Argon2Parameters.owaspSettingsText())
                .isEqualTo("m=47104 t=1, 19456 t=2, 12288 t=3, 9216 t=4, 7168 t=5");
    }

    @Test
    void moreOfBothMeetsOwasp() {
        assertThat(new Argon2Parameters(65_536, 3, 1).meetsOwasp()).isTrue();
        assertThat(new Argon2Parameters(9_217, 4, 4).meetsOwasp()).isTrue();
        assertThat(new Argon2Parameters(7_168, 20, 1).meetsOwasp()).isTrue();
    }

    /** Between two rows of the table: more memory than one row does not make up for fewer passes. */
    @Test
    void lessThanEveryRowInMemoryOrPassesDoesNot() {
        assertThat(new Argon2Parameters(9_216, 3, 1).meetsOwasp()).isFalse();
        assertThat(new Argon2Parameters(12_287, 3, 1).meetsOwasp()).isFalse();
        assertThat(new Argon2Parameters(19_455, 2, 1).meetsOwasp()).isFalse();
        assertThat(new Argon2Parameters(47_103, 1, 1).meetsOwasp()).isFalse();
        assertThat(new Argon2Parameters(7_167, 20, 1).meetsOwasp()).isFalse();
        assertThat(new Argon2Parameters(4_194_304, 1, 1).meetsOwasp()).isTrue();
    }
}
