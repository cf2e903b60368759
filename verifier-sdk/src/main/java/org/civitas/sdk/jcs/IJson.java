package org.civitas.sdk.jcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;

import java.util.Iterator;
import java.util.Map;

/**
 * Reads untrusted JSON text as I-JSON (RFC 7493), the input RFC 8785 canonicalises: duplicate member names,
 * trailing content, numbers beyond the double range and unpaired surrogates are {@link FormatException}s.
 * Nesting is limited by Jackson's default stream constraints. Thread-safe.
 */
public final class IJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private IJson() { }

    /** Parses any JSON value. {@code subject} names what is read, for the error message. */
    public static JsonNode parse(String subject, String text) throws FormatException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FormatException(subject, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) throw new FormatException(subject, "empty input");
        check(subject, node, "");
        return node;
    }

    /** Parses a JSON object. */
    public static ObjectNode parseObject(String subject, String text) throws FormatException {
        JsonNode node = parse(subject, text);
        if (!node.isObject()) throw new FormatException(subject, "expected a JSON object");
        return (ObjectNode) node;
    }

    /** The shared mapper, for writing and for building trees ({@code createObjectNode}). */
    public static ObjectMapper mapper() { return MAPPER; }

    private static void check(String subject, JsonNode node, String path) throws FormatException {
        switch (node.getNodeType()) {
            case OBJECT: {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    checkText(subject, field.getKey(), path + "/" + field.getKey());
                    check(subject, field.getValue(), path + "/" + field.getKey());
                }
                return;
            }
            case ARRAY:
                for (int i = 0; i < node.size(); i++) check(subject, node.get(i), path + "/" + i);
                return;
            case STRING:
                checkText(subject, node.textValue(), path);
                return;
            case NUMBER:
                if (!node.isIntegralNumber() && (Double.isInfinite(node.doubleValue())
                        || Double.isNaN(node.doubleValue()))) {
                    throw new FormatException(subject, "number at " + pathOrRoot(path)
                        + " is beyond the IEEE-754 double range (RFC 7493 §2.2)");
                }
                if (node.isIntegralNumber() && !node.canConvertToLong()
                        && Double.isInfinite(node.doubleValue())) {
                    throw new FormatException(subject, "number at " + pathOrRoot(path)
                        + " is beyond the IEEE-754 double range (RFC 7493 §2.2)");
                }
                return;
            default:
                return;
        }
    }

    private static void checkText(String subject, String text, String path) throws FormatException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FormatException(subject, "unpaired surrogate in the string at " + pathOrRoot(path)
                    + " (RFC 7493 §2.1)");
            }
        }
    }

    private static String pathOrRoot(String path) {
        return path.isEmpty() ? "the root" : path;
    }
}
