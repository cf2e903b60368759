package org.civitas.sdk.credential;

/**
 * Constants of the W3C Verifiable Credentials Data Model v2.0 (Recommendation, 15 May 2025) and v1.1
 * (Recommendation, 3 March 2022). Each names the section it comes from.
 */
public final class VcDataModel {

    /** The first {@code @context} item of a v2.0 credential or presentation (VCDM 2.0 §4.3 Contexts). */
    public static final String CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2";

    /** The first {@code @context} item of a v1.1 credential or presentation (VCDM 1.1 §4.1 Contexts). */
    public static final String CONTEXT_V1 = "https://www.w3.org/2018/credentials/v1";

    /** The type every verifiable credential includes (VCDM 2.0 §4.5 Types; VCDM 1.1 §4.3). */
    public static final String VERIFIABLE_CREDENTIAL = "VerifiableCredential";

    /** The type every verifiable presentation includes (VCDM 2.0 §4.13; VCDM 1.1 §4.10). */
    public static final String VERIFIABLE_PRESENTATION = "VerifiablePresentation";

    /** The type of a credential secured by an enveloping proof inside a presentation (VCDM 2.0 §4.13.1). */
    public static final String ENVELOPED_VERIFIABLE_CREDENTIAL = "EnvelopedVerifiableCredential";

    /** The type of a presentation secured by an enveloping proof (VCDM 2.0 §4.13.2). */
    public static final String ENVELOPED_VERIFIABLE_PRESENTATION = "EnvelopedVerifiablePresentation";

    private VcDataModel() { }
}
