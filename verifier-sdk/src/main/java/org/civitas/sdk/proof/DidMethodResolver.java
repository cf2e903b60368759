package org.civitas.sdk.proof;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.DidUrl;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.sdk.internal.Varint;
import org.civitas.sdk.key.Multibase;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Controlled Identifiers v1.0 §3.3 "Retrieve Verification Method" for DID URLs, through a {@link DidResolver}. */
final class DidMethodResolver implements MethodResolver {

    /** Multicodec {@code p384-pub}: a key the SDK does not support, named so that the answer can say so. */
    private static final int P384_PUB_CODEC = 0x1201;

    private final DidResolver resolver;

    DidMethodResolver(DidResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public Resolved resolve(String verificationMethod, String cryptosuite, Instant asOf) throws Unresolved {
        DidUrl url = parse(verificationMethod);                                         // steps 1-3
        Did did = url.did();
        if (DidKey.METHOD.equals(did.method()) && isP384(did.methodSpecificId())) {
            throw new Unresolved(Reasons.p384NotSupported(cryptosuite));
        }
        DidDocument document = dereference(verificationMethod, did, asOf);              // steps 4-5
        if (!document.id().equals(did)) {                                               // step 6
            throw new Unresolved(Reasons.documentForAnotherDid(did.toString()));
        }
        Optional<VerificationMethod> found = document.verificationMethod(verificationMethod);   // step 7
        if (!found.isPresent()) {
            throw new Unresolved(Reasons.methodNotInDocument(verificationMethod, did.toString()));
        }
        VerificationMethod method = found.get();
        if (method.key() == null) throw new Unresolved(Reasons.notASignatureKey(verificationMethod));   // step 8
        if (!method.controller().equals(did.toString())) {                              // step 10 (step 9: the lookup is by id)
            throw new Unresolved(Reasons.controllerMismatch(verificationMethod, did.toString()));
        }
        Set<Relationship> relationships = EnumSet.noneOf(Relationship.class);           // for step 11, by the caller
        for (Relationship relationship : Relationship.values()) {
            if (document.authorizes(verificationMethod, relationship)) relationships.add(relationship);
        }
        return new Resolved(did.toString(), method.key(), relationships);
    }

    private static DidUrl parse(String verificationMethod) throws Unresolved {
        try {
            DidUrl url = DidUrl.parse(verificationMethod);
            // a DID URL with a path or query names a resource other than a key of the DID document
            if (url.fragment().isEmpty() || !url.path().isEmpty() || !url.query().isEmpty()) {
                throw new Unresolved(Reasons.notDidUrl(verificationMethod));
            }
            return url;
        } catch (FormatException e) {
            throw new Unresolved(Reasons.notDidUrl(verificationMethod));
        }
    }

    private DidDocument dereference(String verificationMethod, Did did, Instant asOf) throws Unresolved {
        try {
            return resolver.resolve(did, asOf);
        } catch (ResolutionException e) {
            throw new Unresolved(Reasons.unresolvable(verificationMethod, e));
        }
    }

    private static boolean isP384(String multibase) {
        try {
            long header = Varint.decode(Multibase.decode("did:key", multibase));
            return header >= 0 && (int) header == P384_PUB_CODEC;
        } catch (FormatException e) {
            return false;
        }
    }
}
