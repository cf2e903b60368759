package org.civitas.sdk.jcs;

import org.civitas.sdk.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JcsTest {

    /** RFC 8785 Appendix B: IEEE-754 bit patterns and their canonical text. */
    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void serializeNumber_rfc8785AppendixB(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertEquals(expected, Jcs.serializeNumber(value));
    }

    @Test
    void canonicalize_rfc8785Section3_2_2Example() throws FormatException {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
            + "              2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";

        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", Jcs.canonicalString(IJson.parse("test", input)));
    }

    /** RFC 8785 §3.2.3: members sort by UTF-16 code units, so U+1F600 (surrogates D83D DE00) sorts before U+FB33. */
    @Test
    void canonicalize_sortsByUtf16CodeUnits() throws FormatException {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
            + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
            + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            Jcs.canonicalString(IJson.parse("test", input)));
    }

    @Test
    void canonicalize_edgeNumbersAndNesting() throws FormatException {
        assertEquals("[0,0,1e+21,100000000000000000000,1e-7,0.000001,-1.5]",
            Jcs.canonicalString(IJson.parse("test", "[-0, 0.0, 1e21, 1e20, 1e-7, 1e-6, -1.50]")));
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 500; i++) deep.append("{\"a\":[");
        deep.append("1");
        for (int i = 0; i < 500; i++) deep.append("]}");
        assertEquals(deep.toString(), Jcs.canonicalString(IJson.parse("test", deep.toString())));
    }

    @Test
    void canonicalize_bigIntegerBeyond2To53_isTheNearestDouble() throws FormatException {
        assertEquals("[9007199254740992,1152921504606847000]",
            Jcs.canonicalString(IJson.parse("test", "[9007199254740993, 1152921504606846976]")));
    }

    @Test
    void iJson_rejectsWhatJcsCannotCanonicalize() {
        assertThrows(FormatException.class, () -> IJson.parse("test", "{\"a\":1,\"a\":2}"));
        assertThrows(FormatException.class, () -> IJson.parse("test", "[\"\\ud800\"]"));
        assertThrows(FormatException.class, () -> IJson.parse("test", "[1e400]"));
        assertThrows(FormatException.class, () -> IJson.parse("test", "{} {}"));
        assertThrows(FormatException.class, () -> IJson.parse("test", "{\"a\":"));
    }

    @Test
    void serializeNumber_rejectsNaNAndInfinity() {
        assertThrows(IllegalArgumentException.class, () -> Jcs.serializeNumber(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Jcs.serializeNumber(Double.POSITIVE_INFINITY));
    }
}
