package org.civitas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.KeyType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark body, called once: it must do the work it claims to measure. This runs no benchmark and times
 * nothing; JMH runs only through ops/bin/bench.
 */
class BenchmarksTest {

    @Test
    void diplomaCredential_fixture_isUnsignedVc2WithRevocationAndSuspensionStatus() throws Exception {
        JsonNode credential = IJson.parse("credential", Fixtures.diplomaCredential());

        assertEquals("https://www.w3.org/ns/credentials/v2", credential.get("@context").get(0).textValue());
        assertTrue(credential.get("credentialSubject").get("id").textValue().startsWith("did:key:z6Mk"));
        assertTrue(credential.get("issuer").has("id") && credential.get("issuer").has("name"));
        assertFalse(credential.has("proof"));
        List<String> purposes = new ArrayList<>();
        for (JsonNode entry : credential.get("credentialStatus")) {
            assertEquals("BitstringStatusListEntry", entry.get("type").textValue());
            purposes.add(entry.get("statusPurpose").textValue());
        }
        assertEquals(List.of("revocation", "suspension"), purposes);
        int canonicalSize = Jcs.canonicalize(credential).length;
        assertTrue(canonicalSize > 1200 && canonicalSize < 1800, "about 1.5 KiB, was " + canonicalSize);
    }

    @Test
    void presentationVerify_acceptsFromQrAndJson_andTheRawChecksHold() throws Exception {
        PresentationVerifyBenchmark benchmark = new PresentationVerifyBenchmark();
        PresentationVerifyBenchmark.Counter counter = new PresentationVerifyBenchmark.Counter();
        counter.prepare();

        assertTrue(benchmark.verifyQr(counter).accepted());
        assertTrue(benchmark.verifyJson(counter).accepted());
        assertTrue(benchmark.verifyQrDeviceKey(counter).accepted());
        PresentationVerifyBenchmark.FreshDevices devices = new PresentationVerifyBenchmark.FreshDevices();
        devices.prepare(counter);
        assertTrue(benchmark.verifyQrFreshDevice(counter, devices).accepted());
        assertTrue(benchmark.verifyQrFreshDevice(counter, devices).accepted());
        assertEquals(benchmark.verifyQr(counter).checks(), benchmark.verifyJson(counter).checks());
        assertTrue(benchmark.rawSignatures(counter));
        assertTrue(benchmark.issuerProofs(counter).verified());
        assertEquals(2, benchmark.issuerProofs(counter).proofs().size());
        assertTrue(benchmark.holderProof(counter).verified());
    }

    @Test
    void sign_everyKeyType_producesSignatureThatVerify_accepts() {
        PrimitivesBenchmark benchmark = new PrimitivesBenchmark();
        for (KeyType type : KeyType.values()) {
            PrimitivesBenchmark.Keys keys = new PrimitivesBenchmark.Keys();
            keys.keyType = type;
            keys.generate();
            keys.signature = benchmark.sign(keys);

            assertTrue(benchmark.verify(keys), type + " signature made by sign() is rejected");
            assertEquals(64, keys.message.length);
        }
    }

    @Test
    void digests_oneKibibyte_matchFreshDigestsAndRepeat() throws Exception {
        PrimitivesBenchmark benchmark = new PrimitivesBenchmark();
        PrimitivesBenchmark.Digests digests = new PrimitivesBenchmark.Digests();
        digests.create();
        byte[] expectedSm3 = new byte[32];
        SM3Digest sm3 = new SM3Digest();
        sm3.update(digests.kibibyte, 0, 1024);
        sm3.doFinal(expectedSm3, 0);

        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(digests.kibibyte), benchmark.sha256(digests));
        assertArrayEquals(benchmark.sha256(digests), benchmark.sha256(digests));
        assertArrayEquals(expectedSm3, benchmark.sm3(digests));
        assertArrayEquals(expectedSm3, benchmark.sm3(digests));
    }

    @Test
    void parseAndCanonicalize_diplomaCredential_equalsCanonicalizeOfParsedTree() throws Exception {
        JcsBenchmark benchmark = new JcsBenchmark();
        benchmark.parse();

        byte[] fromText = benchmark.parseAndCanonicalize();
        assertArrayEquals(benchmark.canonicalize(), fromText);
        assertTrue(new String(fromText, StandardCharsets.UTF_8).startsWith("{\"@context\":["));
    }

    @Test
    void cryptosuites_everySuite_signsWhatItsVerifyAccepts() throws Exception {
        CryptosuiteBenchmark benchmark = new CryptosuiteBenchmark();
        for (String suite : new String[] {"eddsa-jcs-2022", "ecdsa-jcs-2019", "sm2-jcs-2025", "eddsa-rdfc-2022",
                "ecdsa-rdfc-2019"}) {
            CryptosuiteBenchmark.Suite state = new CryptosuiteBenchmark.Suite();
            state.cryptosuite = suite;
            state.prepare();

            var signed = benchmark.sign(state);

            org.junit.jupiter.api.Assertions.assertEquals(suite, signed.get("proof").get("cryptosuite").textValue());
            org.junit.jupiter.api.Assertions.assertTrue(benchmark.verify(state).verified(), suite);
        }
    }

    @Test
    void ledgerProofs_smallTree_buildProofsThatVerify() {
        for (org.civitas.sdk.ledger.LedgerHash hash : org.civitas.sdk.ledger.LedgerHash.values()) {
            LedgerProofBenchmark.Tree tree = new LedgerProofBenchmark.Tree();
            tree.treeSize = 1000;
            tree.hash = hash;
            tree.build();

            org.junit.jupiter.api.Assertions.assertTrue(new LedgerProofBenchmark().verifyInclusion(tree));
            org.junit.jupiter.api.Assertions.assertTrue(new LedgerProofBenchmark().verifyConsistency(tree));
        }
    }

    @Test
    void provinceBundle_smallProvince_loadsAndTakesItsDailyDelta() throws Exception {
        TrustBundleBenchmark.Province province = new TrustBundleBenchmark.Province();
        province.issuers = 10;
        province.credentials = 500_000;
        province.generate();
        TrustBundleBenchmark benchmark = new TrustBundleBenchmark();

        assertEquals(1, benchmark.load(province).version());
        assertEquals(2, benchmark.applyDailyDelta(province).version());
        assertEquals(20, province.province.day0.statusLists().size(), "a revocation and a suspension list per issuer");
    }
}
