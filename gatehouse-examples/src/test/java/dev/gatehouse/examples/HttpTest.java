package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpTest {

    @Test
    void readsAStringWithAnEscapedQuoteAndANumberOrABooleanAsText() {
        String json = "{\"error_description\":\"say \\\"hi\\\"\",\"expires_in\":900,\"ok\":true}";

        assertThat(Http.field(json, "error_description")).isEqualTo("say \"hi\"");
        assertThat(Http.field(json, "expires_in")).isEqualTo("900");
        assertThat(Http.field(json, "ok")).isEqualTo("true");
    }

    @Test
    void readsUnicodeEscapesAndSpacesAroundTheColon() {
        assertThat(Http.field("{ \"csrf_token\" : \"\\u0041b\" }", "csrf_token"))
                .isEqualTo("Ab");
    }

    @Test
    void takesTheTopLevelFieldNotOneOfTheSameNameInsideANestedObject() {
        String json = "{\"session\":{\"access_token\":\"inner\"},\"access_token\":\"outer\"}";

        assertThat(Http.field(json, "access_token")).isEqualTo("outer");
    }

    @Test
    void refusesAMissingFieldANullAnObjectAndABodyThatIsNotJson() {
        String json = "{\"a\":null,\"b\":{\"c\":\"d\"}}";

        assertThatThrownBy(() -> Http.field(json, "missing")).hasMessageContaining("no 'missing'");
        assertThatThrownBy(() -> Http.field(json, "a")).hasMessageContaining("no 'a'");
        assertThatThrownBy(() -> Http.field(json, "b")).hasMessageContaining("no 'b'");
        assertThatThrownBy(() -> Http.field("<html>", "a")).hasMessageContaining("not JSON");
    }
}
