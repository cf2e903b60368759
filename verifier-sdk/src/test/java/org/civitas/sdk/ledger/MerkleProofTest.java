package org.civitas.sdk.ledger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifiers against the literal RFC 9162 algorithms, for every index and size up to 40, in both hashes. */
class MerkleProofTest {

    private static final int MAX = 40;

    @ParameterizedTest
    @EnumSource(LedgerHash.class)
    void inclusionProof_everyLeafOfEverySize_verifiesAndTamperedFails(LedgerHash hash) {
        ReferenceTree tree = new ReferenceTree(hash, leaves(MAX));
        for (int n = 1; n <= MAX; n++) {
            byte[] root = tree.root(n);
            for (int m = 0; m < n; m++) {
                byte[] leafHash = hash.leafHash(leaves(MAX).get(m));
                InclusionProof proof = new InclusionProof(m, n, tree.path(m, n));

                assertTrue(proof.verify(hash, leafHash, root), "leaf " + m + " of " + n);
                assertFalse(proof.verify(hash, hash.leafHash(new byte[] {9}), root), "other leaf");
                if (n > 1) {
                    assertFalse(new InclusionProof((m + 1) % n, n, tree.path(m, n)).verify(hash, leafHash, root),
                        "other index");
                    List<byte[]> tampered = tree.path(m, n);
                    tampered.get(0)[0] ^= 1;
                    assertFalse(new InclusionProof(m, n, tampered).verify(hash, leafHash, root), "tampered path");
                    List<byte[]> longer = new ArrayList<>(tree.path(m, n));
                    longer.add(root);
                    assertFalse(new InclusionProof(m, n, longer).verify(hash, leafHash, root), "extra hash");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerHash.class)
    void consistencyProof_everyPairOfSizes_verifiesAndTamperedFails(LedgerHash hash) {
        ReferenceTree tree = new ReferenceTree(hash, leaves(MAX));
        for (int n = 1; n <= MAX; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> path = tree.consistency(m, n);
                ConsistencyProof proof = new ConsistencyProof(m, n, path);

                assertTrue(proof.verify(hash, tree.root(m), tree.root(n)), m + " -> " + n);
                if (m < n) {
                    assertFalse(proof.verify(hash, tree.root(m), tree.root(n - 1)), "wrong second root");
                    assertFalse(proof.verify(hash, hash.leafHash(new byte[] {7}), tree.root(n)), "wrong first root");
                    if (!path.isEmpty()) {
                        List<byte[]> tampered = tree.consistency(m, n);
                        tampered.get(tampered.size() - 1)[3] ^= 1;
                        assertFalse(new ConsistencyProof(m, n, tampered).verify(hash, tree.root(m), tree.root(n)));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerHash.class)
    void rootFor_malformedProof_isNull(LedgerHash hash) {
        assertNull(new InclusionProof(3, 3, List.of()).rootFor(hash, hash.leafHash(new byte[0])));
        assertNull(new InclusionProof(0, 2, List.of(new byte[31])).rootFor(hash, hash.leafHash(new byte[0])));
        assertNull(new InclusionProof(0, 1, List.of()).rootFor(hash, new byte[5]));
        assertArrayEquals(hash.leafHash(new byte[0]),
            new InclusionProof(0, 1, List.of()).rootFor(hash, hash.leafHash(new byte[0])));
    }

    static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        return leaves;
    }
}
