package org.civitas.sdk.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Reason;
import org.civitas.sdk.internal.Texts;
import org.civitas.sdk.internal.XsdDateTime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSON Schema (2020-12) of the subset that claim schemas use, compiled once: {@code type} (one or a list),
 * {@code properties}, {@code required}, {@code additionalProperties} ({@code false} or a schema), {@code items},
 * {@code minItems}/{@code maxItems}, {@code enum}, {@code const}, {@code pattern} (unanchored, as the spec says),
 * {@code minLength}/{@code maxLength} (in code points), {@code minimum}/{@code maximum},
 * {@code exclusiveMinimum}/{@code exclusiveMaximum}, and {@code format} {@code date} (RFC 3339 full-date, a real
 * calendar day) and {@code date-time} (with a time zone), asserted. Annotations ({@code $schema}, {@code $id},
 * {@code title}, {@code description}, {@code $comment}, {@code examples}, {@code default}) are ignored. Any other
 * keyword makes {@link #compile} refuse the schema, so that nothing a schema says is silently left unchecked.
 * Written for the SDK (no reflection, no dependency) so that issuer and verifier judge claims by the same rules.
 * Immutable and thread-safe.
 */
public final class JsonSchema {

    private static final Set<String> ANNOTATIONS =
        Set.of("$schema", "$id", "title", "description", "$comment", "examples", "default");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "object", "array", "boolean", "null");

    private final List<String> types;
    private final Map<String, JsonSchema> properties;
    private final List<String> required;
    private final boolean additionalAllowed;
    private final JsonSchema additional;
    private final JsonSchema items;
    private final Integer minItems;
    private final Integer maxItems;
    private final JsonNode enumValues;
    private final JsonNode constValue;
    private final Pattern pattern;
    private final String patternText;
    private final Integer minLength;
    private final Integer maxLength;
    private final BigDecimal minimum;
    private final BigDecimal maximum;
    private final BigDecimal exclusiveMinimum;
    private final BigDecimal exclusiveMaximum;
    private final String format;

    private JsonSchema(ObjectNode schema, String at) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ANNOTATIONS.contains(name) && !KEYWORDS.contains(name)) {
                throw new IllegalArgumentException(where(at) + "the keyword '" + name + "' is not supported");
            }
        }
        types = types(schema.get("type"), at);
        Map<String, JsonSchema> props = new LinkedHashMap<>();
        JsonNode p = schema.get("properties");
        if (p != null) {
            if (!p.isObject()) throw new IllegalArgumentException(where(at) + "'properties' must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                props.put(e.getKey(), sub(e.getValue(), child(at, e.getKey())));
            }
        }
        properties = Collections.unmodifiableMap(props);
        List<String> req = new ArrayList<>();
        JsonNode r = schema.get("required");
        if (r != null) {
            if (!r.isArray()) throw new IllegalArgumentException(where(at) + "'required' must be an array");
            r.forEach(n -> req.add(n.asText()));
        }
        required = List.copyOf(req);
        JsonNode a = schema.get("additionalProperties");
        additionalAllowed = a == null || !a.isBoolean() || a.booleanValue();
        additional = a != null && a.isObject() ? sub(a, at + "[additional]") : null;
        JsonNode i = schema.get("items");
        items = i == null ? null : sub(i, at + "[]");
        minItems = count(schema, "minItems", at);
        maxItems = count(schema, "maxItems", at);
        enumValues = schema.get("enum");
        if (enumValues != null && !enumValues.isArray()) throw new IllegalArgumentException(where(at) + "'enum' must be an array");
        constValue = schema.get("const");
        patternText = schema.has("pattern") ? schema.get("pattern").asText() : null;
        try {
            pattern = patternText == null ? null : Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where(at) + "'pattern' is not a regular expression: " + e.getDescription());
        }
        minLength = count(schema, "minLength", at);
        maxLength = count(schema, "maxLength", at);
        minimum = number(schema, "minimum", at);
        maximum = number(schema, "maximum", at);
        exclusiveMinimum = number(schema, "exclusiveMinimum", at);
        exclusiveMaximum = number(schema, "exclusiveMaximum", at);
        format = schema.has("format") ? schema.get("format").asText() : null;
        if (format != null && !format.equals("date") && !format.equals("date-time")) {
            throw new IllegalArgumentException(where(at) + "the format '" + format + "' is not supported");
        }
    }

    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties", "items",
        "minItems", "maxItems", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "format");

    /**
     * Compiles a schema.
     *
     * @throws IllegalArgumentException when the schema uses a keyword outside the subset or a keyword wrongly
     */
    public static JsonSchema compile(ObjectNode schema) {
        Objects.requireNonNull(schema, "schema");
        return new JsonSchema(schema, "");
    }

    /** Every violation of this schema by {@code value}, in document order; empty when it conforms. */
    public List<SchemaViolation> validate(JsonNode value) {
        Objects.requireNonNull(value, "value");
        List<SchemaViolation> violations = new ArrayList<>();
        check(value, "", violations);
        return violations;
    }

    /** True when {@code value} conforms. */
    public boolean accepts(JsonNode value) { return validate(value).isEmpty(); }

    private void check(JsonNode value, String path, List<SchemaViolation> out) {
        if (!types.isEmpty() && types.stream().noneMatch(t -> hasType(value, t))) {
            // the other keywords would only repeat that the value is of the wrong kind
            String list = types.size() == 1 ? types.get(0) : String.join(" or ", types);
            out.add(new SchemaViolation(path, Reason.of("must be of type " + list, "类型必须为 " + list)));
            return;
        }
        if (enumValues != null && !containsEqual(enumValues, value)) {
            out.add(new SchemaViolation(path, Reason.of("must be one of " + enumValues, "必须是以下之一：" + enumValues)));
        }
        if (constValue != null && !jsonEquals(constValue, value)) {
            out.add(new SchemaViolation(path, Reason.of("must be " + constValue, "必须为 " + constValue)));
        }
        if (value.isTextual()) checkText(value.textValue(), path, out);
        if (value.isNumber()) checkNumber(value.decimalValue(), path, out);
        if (value.isObject()) checkObject(value, path, out);
        if (value.isArray()) checkArray(value, path, out);
    }

    private void checkText(String text, String path, List<SchemaViolation> out) {
        int length = text.codePointCount(0, text.length());
        if (minLength != null && length < minLength) {
            out.add(new SchemaViolation(path, minLength == 1 ? Reason.of("must not be empty", "不能为空")
                : Reason.of("must have at least " + minLength + " characters", "至少 " + minLength + " 个字符")));
        }
        if (maxLength != null && length > maxLength) {
            out.add(new SchemaViolation(path, Reason.of("must have at most " + maxLength + " characters",
                "最多 " + maxLength + " 个字符")));
        }
        if (pattern != null && !pattern.matcher(text).find()) {
            out.add(new SchemaViolation(path, Reason.of("must match the pattern " + patternText,
                "必须符合格式 " + patternText)));
        }
        if ("date".equals(format) && !isFullDate(text)) {
            out.add(new SchemaViolation(path, Reason.of("must be a valid date (YYYY-MM-DD, RFC 3339 full-date)",
                "必须是有效日期（YYYY-MM-DD）")));
        }
        if ("date-time".equals(format) && XsdDateTime.parseOrNull(text) == null) {
            out.add(new SchemaViolation(path, Reason.of("must be a valid date and time with a time zone (RFC 3339)",
                "必须是带时区的有效日期时间（RFC 3339）")));
        }
    }

    private void checkNumber(BigDecimal n, String path, List<SchemaViolation> out) {
        if (minimum != null && n.compareTo(minimum) < 0) {
            out.add(new SchemaViolation(path, Reason.of("must be at least " + plain(minimum), "不得小于 " + plain(minimum))));
        }
        if (maximum != null && n.compareTo(maximum) > 0) {
            out.add(new SchemaViolation(path, Reason.of("must be at most " + plain(maximum), "不得大于 " + plain(maximum))));
        }
        if (exclusiveMinimum != null && n.compareTo(exclusiveMinimum) <= 0) {
            out.add(new SchemaViolation(path, Reason.of("must be greater than " + plain(exclusiveMinimum),
                "必须大于 " + plain(exclusiveMinimum))));
        }
        if (exclusiveMaximum != null && n.compareTo(exclusiveMaximum) >= 0) {
            out.add(new SchemaViolation(path, Reason.of("must be less than " + plain(exclusiveMaximum),
                "必须小于 " + plain(exclusiveMaximum))));
        }
    }

    private void checkObject(JsonNode value, String path, List<SchemaViolation> out) {
        for (String name : required) {
            if (!value.has(name)) {
                out.add(new SchemaViolation(child(path, name), Reason.of("is required", "为必填项")));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonSchema schema = properties.get(member.getKey());
            String at = child(path, member.getKey());
            if (schema != null) {
                schema.check(member.getValue(), at, out);
            } else if (!additionalAllowed) {
                out.add(new SchemaViolation(at, Reason.of("is not a claim of this type", "不是该类型的声明项")));
            } else if (additional != null) {
                additional.check(member.getValue(), at, out);
            }
        }
    }

    private void checkArray(JsonNode value, String path, List<SchemaViolation> out) {
        if (minItems != null && value.size() < minItems) {
            out.add(new SchemaViolation(path, Reason.of("must have at least " + minItems + " items",
                "至少 " + minItems + " 项")));
        }
        if (maxItems != null && value.size() > maxItems) {
            out.add(new SchemaViolation(path, Reason.of("must have at most " + maxItems + " items",
                "最多 " + maxItems + " 项")));
        }
        if (items != null) {
            for (int i = 0; i < value.size(); i++) items.check(value.get(i), path + "[" + i + "]", out);
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        switch (type) {
            case "string": return value.isTextual();
            case "number": return value.isNumber();
            // 2020-12 §6.1.1: an integer is any number with a zero fractional part, 1.0 included
            case "integer": return value.isIntegralNumber()
                || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "object": return value.isObject();
            case "array": return value.isArray();
            case "boolean": return value.isBoolean();
            default: return value.isNull();
        }
    }

    private static boolean containsEqual(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) if (jsonEquals(candidate, value)) return true;
        return false;
    }

    /** JSON equality, numbers by value (1 equals 1.0), as JSON Schema compares instances. */
    private static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!jsonEquals(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !jsonEquals(e.getValue(), other)) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    /** RFC 3339 full-date, {@code YYYY-MM-DD} naming a real day; scanned, as it runs for every dated claim. */
    private static boolean isFullDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') return false;
        int year = Texts.digits(text, 0, 4);
        int month = Texts.digits(text, 5, 2);
        int day = Texts.digits(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1) return false;
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int days = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        return day <= days;
    }

    private static List<String> types(JsonNode type, String at) {
        if (type == null) return List.of();
        List<String> list = new ArrayList<>();
        if (type.isTextual()) list.add(type.textValue());
        else if (type.isArray()) type.forEach(t -> list.add(t.asText()));
        for (String t : list) {
            if (!TYPES.contains(t)) throw new IllegalArgumentException(where(at) + "'" + t + "' is not a JSON type");
        }
        return List.copyOf(list);
    }

    private static JsonSchema sub(JsonNode node, String at) {
        if (!node.isObject()) throw new IllegalArgumentException(where(at) + "a subschema must be an object");
        return new JsonSchema((ObjectNode) node, at);
    }

    private static Integer count(ObjectNode schema, String keyword, String at) {
        JsonNode n = schema.get(keyword);
        if (n == null) return null;
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
            throw new IllegalArgumentException(where(at) + "'" + keyword + "' must be a non-negative integer");
        }
        return n.intValue();
    }

    private static BigDecimal number(ObjectNode schema, String keyword, String at) {
        JsonNode n = schema.get(keyword);
        if (n == null) return null;
        if (!n.isNumber()) throw new IllegalArgumentException(where(at) + "'" + keyword + "' must be a number");
        return n.decimalValue();
    }

    private static String plain(BigDecimal n) { return n.stripTrailingZeros().toPlainString(); }

    private static String child(String path, String name) { return path.isEmpty() ? name : path + "." + name; }

    private static String where(String at) { return at.isEmpty() ? "" : "at " + at + ": "; }
}
