package org.civitas.sdk.jcs;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The RFC 8785 reference test data (cyberphone/json-canonicalization testdata), byte for byte. */
class Rfc8785VectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"french", "simpleString", "structures", "unicode", "values", "weird"})
    void canonicalize_referenceInput_matchesReferenceOutputExactly(String name) throws FormatException {
        String input = Vectors.text("vectors/rfc8785/testdata/input/" + name + ".json");

        byte[] canonical = Jcs.canonicalize(IJson.parse(name, input));

        assertArrayEquals(Vectors.bytes("vectors/rfc8785/testdata/output/" + name + ".json"), canonical, name);
    }

    @Test
    void canonicalize_simpleString_matchesReferenceHex() throws FormatException {
        String hex = Vectors.line("vectors/rfc8785/testdata/outhex/simpleString.txt").replace(" ", "").toLowerCase();

        byte[] canonical = Jcs.canonicalize(IJson.parse("simpleString",
            Vectors.text("vectors/rfc8785/testdata/input/simpleString.json")));

        assertEquals(hex, org.civitas.sdk.internal.Bytes.hex(canonical));
    }

    @Test
    void canonicalize_arraysInputWithCrlf_isWhitespaceFree() throws FormatException {
        String canonical = Jcs.canonicalString(IJson.parse("arrays", Vectors.text("vectors/rfc8785/testdata/input/arrays.json")));

        assertEquals(canonical, Jcs.canonicalString(IJson.parse("again", canonical)), "canonical form is a fixpoint");
        assertEquals(-1, canonical.indexOf('\r'));
    }

    @Test
    void serializeNumber_everyNumbersVector() {
        for (String line : Vectors.text("vectors/rfc8785/numbers.txt").split("\n")) {
            if (line.trim().isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.trim().split(",", 2);
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
            assertEquals(parts[1], Jcs.serializeNumber(value), parts[0]);
        }
    }
}
