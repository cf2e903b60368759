package org.civitas.sample.wallet.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.credential.VcDataModel;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.suite.Cryptosuite;
import org.civitas.sdk.suite.Cryptosuites;
import org.civitas.sdk.suite.TransformationException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * What the SDK signs with a {@code SigningKey}, signed here with a {@link DeviceKey} whose private half stays in
 * the keystore: the holder's presentation (as {@code HolderPresentation} builds it, through the suite's public
 * transform, proof-configuration and hashing steps) and the service token (as {@code AuthToken.sign}). For the same
 * key and inputs the output is byte-identical to the SDK's, which the tests check.
 */
final class DeviceSigning {

    private DeviceSigning() { }

    /** A holder-signed presentation; challenge and domain are both null for a one-way one, holder null to omit it. */
    static ObjectNode presentation(List<ObjectNode> credentials, String holder, String verificationMethod,
                                   DeviceKey key, String challenge, String domain, Instant created) {
        if (credentials.isEmpty()) throw new IllegalArgumentException("a presentation holds at least one credential");
        ObjectNode vp = IJson.mapper().createObjectNode();
        vp.putArray("@context").add(VcDataModel.CONTEXT_V2);
        vp.putArray("type").add(VcDataModel.VERIFIABLE_PRESENTATION);
        if (holder != null) vp.put("holder", holder);
        ArrayNode embedded = vp.putArray("verifiableCredential");
        for (ObjectNode credential : credentials) embedded.add(credential.deepCopy());
        ProofOptions.Builder options = ProofOptions.builder(suiteFor(key.type()), verificationMethod)
            .proofPurpose("authentication").created(created);
        if (challenge != null) options.challenge(challenge).domain(domain);
        Cryptosuite suite = Cryptosuites.standard().get(suiteFor(key.type()));
        ObjectNode proof = options.build().toJson();
        proof.set("@context", vp.get("@context").deepCopy());
        try {
            byte[] hashData = suite.hash(suite.transform(vp), suite.configureProof(proof, vp));
            proof.put("proofValue", Multibase.encodeBase58Btc(key.sign(hashData)));
        } catch (TransformationException e) {
            throw new IllegalArgumentException("cannot sign the presentation: " + e.getMessage(), e);
        }
        ObjectNode secured = vp.deepCopy();
        secured.set("proof", proof);
        return secured;
    }

    /** A compact service token for {@code audience}, signed by the device key. */
    static String authToken(DeviceKey key, String keyId, String issuer, String audience, Instant issuedAt,
                            Duration lifetime, String tokenId) {
        ObjectNode header = IJson.mapper().createObjectNode();
        header.put("alg", algorithm(key.type()));
        header.put("kid", keyId);
        header.put("typ", "civitas-auth+jwt");
        ObjectNode claims = IJson.mapper().createObjectNode();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", tokenId);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input = base64.encodeToString(utf8(header)) + "." + base64.encodeToString(utf8(claims));
        return input + "." + base64.encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] utf8(ObjectNode json) { return json.toString().getBytes(StandardCharsets.UTF_8); }

    private static String suiteFor(KeyType type) {
        switch (type) {
            case ED25519: return "eddsa-jcs-2022";
            case P256: return "ecdsa-jcs-2019";
            case SM2: return "sm2-jcs-2025";
            default: throw new IllegalArgumentException("no presentation suite for " + type + " keys");
        }
    }

    private static String algorithm(KeyType type) {
        switch (type) {
            case ED25519: return "EdDSA";
            case P256: return "ES256";
            case SM2: return "SM2";
            default: throw new IllegalArgumentException("no token algorithm for " + type + " keys");
        }
    }
}
