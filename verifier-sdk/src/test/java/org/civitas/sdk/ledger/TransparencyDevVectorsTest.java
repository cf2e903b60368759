package org.civitas.sdk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The RFC 6962/9162 proof vectors of transparency-dev/merkle (SHA-256): every case verifies, or fails, as the
 * vector's {@code wantErr} says.
 */
class TransparencyDevVectorsTest {

    private static final long MAX_LONG = Long.MAX_VALUE;

    @TestFactory
    Stream<DynamicTest> inclusionVectors() throws IOException, URISyntaxException {
        return cases("inclusion").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode v = read(file);
            JsonNode indexNode = v.has("leafIdx") ? v.get("leafIdx") : v.get("leafIndex");
            BigInteger index = indexNode.bigIntegerValue();
            BigInteger size = v.get("treeSize").bigIntegerValue();
            boolean verified = false;
            if (fitsLong(index) && fitsLong(size)) {
                InclusionProof proof = new InclusionProof(index.longValue(), size.longValue(), hashes(v.get("proof")));
                verified = proof.verify(LedgerHash.SHA_256, bytes(v.get("leafHash")), bytes(v.get("root")));
            }
            assertEquals(!v.get("wantErr").booleanValue(), verified, v.get("desc").textValue());
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectors() throws IOException, URISyntaxException {
        return cases("consistency").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode v = read(file);
            BigInteger size1 = v.get("size1").bigIntegerValue();
            BigInteger size2 = v.get("size2").bigIntegerValue();
            boolean verified = false;
            if (fitsLong(size1) && fitsLong(size2)) {
                ConsistencyProof proof = new ConsistencyProof(size1.longValue(), size2.longValue(), hashes(v.get("proof")));
                verified = proof.verify(LedgerHash.SHA_256, bytes(v.get("root1")), bytes(v.get("root2")));
            }
            assertEquals(!v.get("wantErr").booleanValue(), verified, v.get("desc").textValue());
        }));
    }

    private static Stream<Path> cases(String folder) throws IOException, URISyntaxException {
        Path root = Path.of(TransparencyDevVectorsTest.class.getResource("/vectors/transparency-dev-merkle/" + folder).toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        if (files.size() < 100) throw new IllegalStateException("expected the full vector set in " + root);
        return files.stream();
    }

    private static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static JsonNode read(Path file) throws IOException, FormatException {
        return IJson.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    private static boolean fitsLong(BigInteger value) {
        return value.signum() >= 0 && value.compareTo(BigInteger.valueOf(MAX_LONG)) <= 0;
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> out = new ArrayList<>();
        if (proof != null && !proof.isNull()) for (JsonNode h : proof) out.add(bytes(h));
        return out;
    }

    private static byte[] bytes(JsonNode base64) {
        return base64 == null || base64.isNull() ? new byte[0] : Base64.getDecoder().decode(base64.textValue());
    }
}
