package org.civitas.sdk.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSchemaTest {

    /** The shape of the catalogue's transcript schema: nested objects in an array, enums, dates, bounds. */
    private static final String TRANSCRIPT = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "properties":{
           "holderName":{"type":"string","minLength":1,"maxLength":5},
           "degree":{"type":"string","enum":["bachelor","master","doctor"]},
           "number":{"type":"string","pattern":"^[0-9]{6}$"},
           "issueDate":{"type":"string","format":"date"},
           "gpa":{"type":"number","minimum":0,"maximum":5},
           "doses":{"type":"integer","exclusiveMinimum":0},
           "courses":{"type":"array","minItems":1,"items":{"type":"object",
              "properties":{"code":{"type":"string"},"credits":{"type":"number","minimum":0}},
              "required":["code","credits"],"additionalProperties":false}}},
         "required":["holderName","issueDate"],"additionalProperties":false}""";

    private final JsonSchema schema = JsonSchema.compile(json(TRANSCRIPT));

    @Test
    void conformingClaims_haveNoViolations() throws Exception {
        assertEquals(List.of(), schema.validate(json("""
            {"holderName":"李华","degree":"master","number":"310115","issueDate":"2024-02-29","gpa":3.8,"doses":2.0,
             "courses":[{"code":"PHY601","credits":4}]}""")));
    }

    @Test
    void eachViolation_isNamedByPathWithAReasonInBothLanguages_neverQuotingTheValue() throws Exception {
        Map<String, String> byPath = byPath(schema.validate(json("""
            {"holderName":"Alexander","degree":"wizard","number":"secret-42","issueDate":"2023-02-29","gpa":7,
             "doses":0,"courses":[{"code":"X","credits":"four","grade":"A"}],"shoeSize":42}""")));

        assertEquals(Map.of(
            "holderName", "must have at most 5 characters",
            "degree", "must be one of [\"bachelor\",\"master\",\"doctor\"]",
            "number", "must match the pattern ^[0-9]{6}$",
            "issueDate", "must be a valid date (YYYY-MM-DD, RFC 3339 full-date)",
            "gpa", "must be at most 5",
            "doses", "must be greater than 0",
            "courses[0].credits", "must be of type number",
            "courses[0].grade", "is not a claim of this type",
            "shoeSize", "is not a claim of this type"), byPath);
        for (SchemaViolation v : schema.validate(json("{\"holderName\":\"Alexander\",\"degree\":\"wizard\"}"))) {
            assertFalse(v.reason().en().contains("Alexander") || v.reason().en().contains("wizard"), v.toString());
            assertFalse(v.reason().zh().isEmpty());
        }
    }

    @Test
    void missingRequiredClaims_andEmptyArrays_areNamed() throws Exception {
        Map<String, String> byPath = byPath(schema.validate(json("{\"courses\":[]}")));
        assertEquals(Map.of("holderName", "is required", "issueDate", "is required",
            "courses", "must have at least 1 items"), byPath);
    }

    @Test
    void integer_acceptsIntegralDecimals_andRefusesFractions() throws Exception {
        JsonSchema integer = JsonSchema.compile(json("{\"type\":\"integer\"}"));
        assertTrue(integer.accepts(IJson.parse("n", "3")));
        assertTrue(integer.accepts(IJson.parse("n", "3.0")));
        assertFalse(integer.accepts(IJson.parse("n", "3.5")));
        assertFalse(integer.accepts(IJson.parse("n", "\"3\"")));
    }

    @Test
    void enumAndConst_compareNumbersByValue() throws Exception {
        assertTrue(JsonSchema.compile(json("{\"enum\":[1,2]}")).accepts(IJson.parse("n", "2.0")));
        assertTrue(JsonSchema.compile(json("{\"const\":{\"a\":[1]}}")).accepts(IJson.parse("n", "{\"a\":[1.0]}")));
    }

    @Test
    void dateTime_needsATimeZone() throws Exception {
        JsonSchema stamp = JsonSchema.compile(json("{\"type\":\"string\",\"format\":\"date-time\"}"));
        assertTrue(stamp.accepts(IJson.parse("t", "\"2026-12-01T09:00:00Z\"")));
        assertFalse(stamp.accepts(IJson.parse("t", "\"2026-12-01T09:00:00\"")));
    }

    @Test
    void keywordsOutsideTheSubset_areRefusedAtCompileTime_soNothingIsSilentlyUnchecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> JsonSchema.compile(json("{\"properties\":{\"a\":{\"oneOf\":[]}}}")));
        assertTrue(e.getMessage().contains("'oneOf'") && e.getMessage().contains("at a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonSchema.compile(json("{\"format\":\"email\"}")));
        assertThrows(IllegalArgumentException.class, () -> JsonSchema.compile(json("{\"type\":\"text\"}")));
    }

    private static Map<String, String> byPath(List<SchemaViolation> violations) {
        return violations.stream().collect(Collectors.toMap(SchemaViolation::path, v -> v.reason().en()));
    }

    private static ObjectNode json(String text) {
        try {
            return IJson.parseObject("schema", text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
