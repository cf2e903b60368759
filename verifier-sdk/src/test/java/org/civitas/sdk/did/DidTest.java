package org.civitas.sdk.did;

import org.civitas.sdk.FormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DID Core §3.1 syntax: {@code did:<method-name>:<method-specific-id>}. */
class DidTest {

    @ParameterizedTest
    @ValueSource(strings = {"did:civitas:3Gv9kQ7pXn2", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "did:web:example.com%3A8443", "did:example:a:b:c", "did:example::abc", "did:ex4mple:a.b-c_d",
        "did:example:%41%7e"})
    void wellFormedDids_areRead_andWrittenBackUnchanged(String text) throws FormatException {
        assertEquals(text, Did.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"did:Example:abc", "did::abc", "did:example:", "did:example:abc:", "did:example:a%4",
        "did:example:a%zz", "did:example:a b", "did:example:a/b", "did:example:a#b", "did:exa-mple:abc", "dud:x:y",
        "did:example:中文"})
    void malformedDids_areFormatExceptions(String text) {
        assertThrows(FormatException.class, () -> Did.parse(text));
    }
}
