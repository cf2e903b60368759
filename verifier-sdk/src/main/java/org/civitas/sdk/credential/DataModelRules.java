package org.civitas.sdk.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Texts;
import org.civitas.sdk.internal.Urls;
import org.civitas.sdk.internal.XsdDateTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The rules credentials and presentations share (VCDM 2.0 §4.3-§4.5, VCDM 1.1 §4.1-§4.3), read without copying. */
final class DataModelRules {

    private DataModelRules() { }

    /** §4.3 Contexts: an ordered set whose first item is the base context URL, then URLs and/or objects. */
    static DataModelVersion version(String subject, ObjectNode json) throws FormatException {
        JsonNode context = json.get("@context");
        if (context == null) {
            throw new FormatException(subject, "@context is missing; it is required (VCDM 2.0 §4.3 Contexts)");
        }
        JsonNode first;
        if (context.isTextual()) {
            first = context;
        } else if (context.isArray() && context.size() > 0) {
            first = context.get(0);
            for (int i = 1; i < context.size(); i++) {
                JsonNode item = context.get(i);
                if (!item.isTextual() && !item.isObject()) {
                    throw new FormatException(subject, "@context item " + i + " must be a URL or an object"
                        + " (VCDM 2.0 §4.3 Contexts)");
                }
            }
        } else {
            throw new FormatException(subject, "@context must be a URL or a non-empty array of URLs and objects"
                + " (VCDM 2.0 §4.3 Contexts)");
        }
        String base = first.isTextual() ? first.textValue() : null;
        if (VcDataModel.CONTEXT_V2.equals(base)) return DataModelVersion.V2_0;
        if (VcDataModel.CONTEXT_V1.equals(base)) return DataModelVersion.V1_1;
        throw new FormatException(subject, "the first @context item must be \"" + VcDataModel.CONTEXT_V2
            + "\" (VCDM 2.0 §4.3 Contexts) or \"" + VcDataModel.CONTEXT_V1 + "\" (VCDM 1.1 §4.1), found "
            + (base != null ? Texts.quote(base) : kind(first)));
    }

    /** §4.5 Types: one or more terms or URLs, one of which must be {@code required}. */
    static List<String> types(String subject, ObjectNode json, String required, String section)
            throws FormatException {
        JsonNode type = json.get("type");
        if (type == null) throw new FormatException(subject, "type is missing; it is required (VCDM 2.0 §4.5 Types)");
        List<String> types;
        if (type.isTextual()) {
            types = Collections.singletonList(type.textValue());
        } else if (type.isArray() && type.size() > 0) {
            types = new ArrayList<>(type.size());
            for (JsonNode value : type) {
                if (!value.isTextual() || value.textValue().isEmpty()) {
                    throw new FormatException(subject, "type values must be non-empty strings (VCDM 2.0 §4.5 Types)");
                }
                types.add(value.textValue());
            }
        } else {
            throw new FormatException(subject, "type must be a string or a non-empty array of strings"
                + " (VCDM 2.0 §4.5 Types)");
        }
        if (!types.contains(required)) {
            throw new FormatException(subject, "type must include " + required + " (" + section + "), found "
                + types);
        }
        return Collections.unmodifiableList(types);
    }

    /** §4.4 Identifiers: optional, and when present a single URL. Returns null when absent. */
    static String optionalId(String subject, ObjectNode json, String property) throws FormatException {
        JsonNode id = json.get(property);
        if (id == null) return null;
        return url(subject, id, property, "VCDM 2.0 §4.4 Identifiers");
    }

    /** A URL, or an object whose {@code id} is a URL (issuer, §4.7; holder, §4.13). Returns the URL. */
    static String urlOrObjectWithId(String subject, JsonNode node, String property, String section)
            throws FormatException {
        if (node.isObject()) {
            JsonNode id = node.get("id");
            if (id == null) {
                throw new FormatException(subject, property + " is an object without an id; it must be a URL or an"
                    + " object whose id is a URL (" + section + ")");
            }
            return url(subject, id, property + ".id", section);
        }
        if (!node.isTextual()) {
            throw new FormatException(subject, property + " must be a URL or an object whose id is a URL ("
                + section + "), found " + kind(node));
        }
        return url(subject, node, property, section);
    }

    static String url(String subject, JsonNode node, String property, String section) throws FormatException {
        if (!node.isTextual()) {
            throw new FormatException(subject, property + " must be a URL string (" + section + "), found "
                + kind(node));
        }
        if (!Urls.isAbsolute(node.textValue())) {
            throw new FormatException(subject, property + " " + Texts.quote(node.textValue()) + " is not a URL ("
                + section + ")");
        }
        return node.textValue();
    }

    /** A date-time property, or null when absent; when present an XML Schema dateTimeStamp. */
    static Instant optionalTime(String subject, ObjectNode json, String property, String section)
            throws FormatException {
        JsonNode value = json.get(property);
        if (value == null) return null;
        if (!value.isTextual()) {
            throw new FormatException(subject, property + " must be a dateTimeStamp string (" + section + "), found "
                + kind(value));
        }
        try {
            return XsdDateTime.parseStamp(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new FormatException(subject, property + " " + Texts.quote(value.textValue())
                + " is not an XML Schema dateTimeStamp, yyyy-MM-ddTHH:mm:ss[.fff] with Z or ±hh:mm (" + section
                + "): " + e.getMessage());
        }
    }

    static String kind(JsonNode node) {
        return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
