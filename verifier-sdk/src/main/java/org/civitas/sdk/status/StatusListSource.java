package org.civitas.sdk.status;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a verifier finds signed status list credentials without the network: files given on the command line,
 * a trust bundle. The verifier checks each list's proof and issuer itself. Implementations are thread-safe.
 */
public interface StatusListSource {

    /** The signed status list credential whose {@code id} is {@code url}, if this source has it. */
    Optional<ObjectNode> find(String url);

    /** No lists: every status entry is reported as unverifiable. */
    static StatusListSource none() {
        return url -> Optional.empty();
    }

    /** Lists given as signed credentials; each is filed under its {@code id}. Copies them. */
    static StatusListSource of(Iterable<ObjectNode> statusListCredentials) {
        Map<String, ObjectNode> byId = new HashMap<>();
        for (ObjectNode list : statusListCredentials) {
            if (list.hasNonNull("id")) byId.put(list.get("id").asText(), list.deepCopy());
        }
        return url -> Optional.ofNullable(byId.get(url)).map(ObjectNode::deepCopy);
    }
}
