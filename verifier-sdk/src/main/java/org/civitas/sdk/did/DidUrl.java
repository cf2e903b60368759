package org.civitas.sdk.did;

import org.civitas.sdk.FormatException;

/**
 * A DID URL (DID Core §3.2): a DID with an optional path, query and fragment, e.g. a verification method id
 * {@code did:key:z6Mk…#z6Mk…}. Immutable; empty strings stand for absent parts.
 */
public record DidUrl(Did did, String path, String query, String fragment) {

    public DidUrl {
        if (did == null || path == null || query == null || fragment == null) throw new NullPointerException();
        if (!path.isEmpty() && !path.startsWith("/")) throw new IllegalArgumentException("path must start with /");
    }

    /** Reads untrusted text. */
    public static DidUrl parse(String text) throws FormatException {
        int hash = text.indexOf('#');
        String fragment = hash < 0 ? "" : text.substring(hash + 1);
        String beforeFragment = hash < 0 ? text : text.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String query = question < 0 ? "" : beforeFragment.substring(question + 1);
        String beforeQuery = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        int slash = beforeQuery.indexOf('/');
        String path = slash < 0 ? "" : beforeQuery.substring(slash);
        Did did = Did.parse(slash < 0 ? beforeQuery : beforeQuery.substring(0, slash));
        return new DidUrl(did, path, query, fragment);
    }

    @Override
    public String toString() {
        return did + path + (query.isEmpty() ? "" : "?" + query) + (fragment.isEmpty() ? "" : "#" + fragment);
    }
}
