package org.civitas.sdk.suite;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.Iterator;
import java.util.Map;

/**
 * Jackson trees to Jakarta JSON values for titanium, tree to tree (no text round trip). The provider is looked up
 * once: {@code jakarta.json.Json}'s static methods search the service loader on every call.
 */
final class JakartaJson {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private JakartaJson() { }

    static JsonValue toJakarta(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                JsonObjectBuilder object = PROVIDER.createObjectBuilder();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.add(field.getKey(), toJakarta(field.getValue()));
                }
                return object.build();
            }
            case ARRAY: {
                JsonArrayBuilder array = PROVIDER.createArrayBuilder();
                for (JsonNode element : node) array.add(toJakarta(element));
                return array.build();
            }
            case STRING:
                return PROVIDER.createValue(node.textValue());
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? PROVIDER.createValue(node.longValue())
                        : PROVIDER.createValue(node.bigIntegerValue());
                }
                return PROVIDER.createValue(node.decimalValue());
            case BOOLEAN:
                return node.booleanValue() ? JsonValue.TRUE : JsonValue.FALSE;
            case NULL:
                return JsonValue.NULL;
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }
}
