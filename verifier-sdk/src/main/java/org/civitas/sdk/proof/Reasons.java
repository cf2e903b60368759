package org.civitas.sdk.proof;

import org.civitas.sdk.Reason;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.internal.XsdDateTime;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.suite.TransformationException;

import java.time.Instant;

/** The words of every proof check, in English and Simplified Chinese, written for a counter clerk. */
final class Reasons {

    private Reasons() { }

    // --- PROOF --------------------------------------------------------------------------------------------------

    static Reason signatureValid(Proof proof) {
        return Reason.of(roleEn(proof.proofPurpose()) + " (" + proof.cryptosuite() + ", key "
                + shortKey(proof.verificationMethod()) + ") is valid",
            roleZh(proof.proofPurpose()) + "有效（" + proof.cryptosuite() + "，密钥 " + shortKey(proof.verificationMethod()) + "）");
    }

    static Reason signatureMismatch(Proof proof) {
        return Reason.of("The signature does not match the document: it was changed after signing ("
                + proof.cryptosuite() + ", key " + shortKey(proof.verificationMethod()) + ")",
            "签名与文档不符：文档在签名后被修改（" + proof.cryptosuite() + "，密钥 " + shortKey(proof.verificationMethod()) + "）");
    }

    static Reason noProof() {
        return Reason.of("The document carries no signature", "文档没有签名");
    }

    static Reason malformed(String detail) {
        return Reason.of("The signature data is malformed: " + detail, "签名数据格式错误：" + detail);
    }

    static Reason unsupportedType(String type) {
        return Reason.of("The signature is of a type this verifier does not support (" + type + ")",
            "签名类型不受本验证器支持（" + type + "）");
    }

    static Reason unsupportedSuite(String cryptosuite) {
        return Reason.of("The signature uses an algorithm suite this verifier does not support (" + cryptosuite + ")",
            "签名使用了本验证器不支持的算法套件（" + cryptosuite + "）");
    }

    static Reason missingPreviousProof(String id) {
        return Reason.of("The signature builds on an earlier signature (" + id + ") that is missing from the document",
            "该签名所依赖的前一个签名（" + id + "）在文档中缺失");
    }

    static Reason notDidUrl(String verificationMethod) {
        return Reason.of("The signing key " + shortKey(verificationMethod) + " is not a DID URL, so it cannot be checked"
                + " offline", "签名密钥 " + shortKey(verificationMethod) + " 不是 DID URL，无法离线核验");
    }

    static Reason unresolvable(String verificationMethod, ResolutionException e) {
        String zh;
        switch (e.kind()) {
            case NOT_FOUND: zh = "该 DID 未登记"; break;
            case DEACTIVATED: zh = "该 DID 已停用"; break;
            case METHOD_NOT_SUPPORTED: zh = "不支持该 DID 方法"; break;
            default: zh = "DID 文档无效"; break;
        }
        return Reason.of("The signing key " + shortKey(verificationMethod) + " could not be found: " + e.getMessage(),
            "找不到签名密钥 " + shortKey(verificationMethod) + "：" + zh + "（" + e.getMessage() + "）");
    }

    static Reason documentForAnotherDid(String did) {
        return Reason.of("The DID document returned for " + did + " belongs to another DID",
            "为 " + did + " 返回的 DID 文档属于另一个 DID");
    }

    static Reason methodNotInDocument(String verificationMethod, String did) {
        return Reason.of("The DID document of " + did + " has no key " + shortKey(verificationMethod)
                + ": it may have been removed or never existed",
            did + " 的 DID 文档中没有密钥 " + shortKey(verificationMethod) + "：可能已被移除或从未存在");
    }

    static Reason controllerMismatch(String verificationMethod, String did) {
        return Reason.of("The key " + shortKey(verificationMethod) + " is not controlled by " + did,
            "密钥 " + shortKey(verificationMethod) + " 不受 " + did + " 控制");
    }

    static Reason notASignatureKey(String verificationMethod) {
        return Reason.of("The key " + shortKey(verificationMethod) + " cannot sign: it is for key agreement only",
            "密钥 " + shortKey(verificationMethod) + " 不能用于签名：它仅用于密钥协商");
    }

    static Reason wrongKeyType(String verificationMethod, KeyType actual, String cryptosuite, KeyType expected) {
        return Reason.of("The key " + shortKey(verificationMethod) + " is a " + keyName(actual) + " key, but "
                + cryptosuite + " needs a " + keyName(expected) + " key",
            "密钥 " + shortKey(verificationMethod) + " 是 " + keyName(actual) + " 密钥，而 " + cryptosuite + " 需要 "
                + keyName(expected) + " 密钥");
    }

    static Reason p384NotSupported(String cryptosuite) {
        return Reason.of("P-384 keys are not supported: " + cryptosuite + " is accepted with P-256 keys only",
            "不支持 P-384 密钥：" + cryptosuite + " 仅接受 P-256 密钥");
    }

    static Reason untransformable(TransformationException e) {
        switch (e.kind()) {
            case UNKNOWN_CONTEXT:
                return Reason.of("The document uses a vocabulary this verifier does not hold (" + e.subject()
                        + "), so its signature cannot be checked",
                    "文档使用了本验证器未收录的词汇表（" + e.subject() + "），无法核验签名");
            case UNDEFINED_TERM:
                return Reason.of("The document has a field that no vocabulary defines (" + e.subject()
                        + "); it is refused rather than ignored",
                    "文档含有未定义的字段（" + e.subject() + "），为安全起见拒绝处理而非忽略");
            case TOO_COMPLEX:
                return Reason.of("The document is too complex to check in time; it may have been crafted to stall"
                        + " the verifier", "文档结构过于复杂，无法在限定时间内核验，可能是恶意构造");
            case CONTEXT_MISMATCH:
                return Reason.of("The signature's vocabulary list (@context) does not match the document's: the"
                        + " document was changed after signing",
                    "签名中的词汇表（@context）与文档不一致：文档在签名后被修改");
            default:
                return Reason.of("The document cannot be read for signature checking: " + e.getMessage(),
                    "无法读取文档以核验签名：" + e.getMessage());
        }
    }

    // --- PROOF_PURPOSE ------------------------------------------------------------------------------------------

    static Reason purposeAuthorised(String did, String purpose) {
        return Reason.of("The key is authorised by " + did + " for " + purposeEn(purpose),
            "该密钥已获 " + did + " 授权用于" + purposeZh(purpose));
    }

    static Reason purposeMismatch(String actual, String expected) {
        return Reason.of("The signature was made for " + purposeEn(actual) + ", but " + purposeEn(expected)
                + " is required here", "该签名的用途是" + purposeZh(actual) + "，而此处要求" + purposeZh(expected));
    }

    static Reason purposeNotAuthorised(String verificationMethod, String did, String purpose) {
        return Reason.of(did + " has not authorised the key " + shortKey(verificationMethod) + " for "
                + purposeEn(purpose), did + " 未授权密钥 " + shortKey(verificationMethod) + " 用于" + purposeZh(purpose));
    }

    static Reason purposeUnknown(String purpose) {
        return Reason.of("The signature states a purpose this verifier does not know (" + purpose + ")",
            "签名声明了未知的用途（" + purpose + "）");
    }

    static Reason purposeUncheckable() {
        return Reason.of("The key's authorisation could not be checked because the key was not found",
            "未找到签名密钥，无法核对其授权");
    }

    // --- CHALLENGE ----------------------------------------------------------------------------------------------

    static Reason challengeNotRequested() {
        return Reason.of("No challenge or domain was requested", "未要求挑战值或域");
    }

    static Reason challengeMatches(boolean challenge, boolean domain) {
        if (challenge && domain) return Reason.of("The challenge and domain match this request", "挑战值和域与本次请求一致");
        if (challenge) return Reason.of("The challenge matches this request", "挑战值与本次请求一致");
        return Reason.of("The domain matches this verifier", "域与本验证方一致");
    }

    static Reason challengeMissing() {
        return Reason.of("This request's challenge is missing from the signature: it may be a replay",
            "签名中缺少本次请求的挑战值：可能是重放");
    }

    static Reason challengeMismatch() {
        return Reason.of("The signature was made for another challenge: it may replay an earlier presentation",
            "签名对应的挑战值与本次请求不符：可能是重放先前的出示");
    }

    static Reason domainMismatch(java.util.List<String> actual) {
        if (actual.isEmpty()) {
            return Reason.of("The signature is not locked to this verifier's domain", "签名未限定于本验证方的域");
        }
        return Reason.of("The signature was made for another domain (" + String.join(", ", actual) + ")",
            "签名是为其他域（" + String.join("，", actual) + "）生成的");
    }

    // --- VALIDITY_PERIOD ----------------------------------------------------------------------------------------

    static Reason periodValid(Instant created, Instant expires) {
        String en = created != null ? "The signature was made on " + XsdDateTime.format(created) : "The signature";
        String zh = created != null ? "签名于 " + XsdDateTime.format(created) + " 生成" : "签名";
        if (expires != null) {
            return Reason.of(en + (created != null ? " and is valid until " : " is valid until ") + XsdDateTime.format(expires),
                zh + (created != null ? "，有效期至 " : "有效期至 ") + XsdDateTime.format(expires));
        }
        return Reason.of(en + " and has no expiry", zh + "，无过期时间");
    }

    static Reason createdInFuture(Instant created) {
        return Reason.of("The signature is dated in the future (" + XsdDateTime.format(created)
                + "): check this device's clock", "签名日期在未来（" + XsdDateTime.format(created) + "）：请核对本设备时钟");
    }

    static Reason expired(Instant expires) {
        return Reason.of("The signature expired on " + XsdDateTime.format(expires),
            "签名已于 " + XsdDateTime.format(expires) + " 过期");
    }

    static Reason noPeriod() {
        return Reason.of("The signature states no creation or expiry time", "签名未注明生成或过期时间");
    }

    // --- words --------------------------------------------------------------------------------------------------

    private static String roleEn(String purpose) {
        switch (purpose) {
            case "assertionMethod": return "The issuer's signature";
            case "authentication": return "The holder's signature";
            default: return "The signature";
        }
    }

    private static String roleZh(String purpose) {
        switch (purpose) {
            case "assertionMethod": return "签发机构的签名";
            case "authentication": return "持有人的签名";
            default: return "签名";
        }
    }

    private static String purposeEn(String purpose) {
        switch (purpose) {
            case "assertionMethod": return "issuing credentials (assertionMethod)";
            case "authentication": return "authentication";
            case "keyAgreement": return "key agreement (keyAgreement)";
            case "capabilityInvocation": return "invoking capabilities (capabilityInvocation)";
            case "capabilityDelegation": return "delegating capabilities (capabilityDelegation)";
            default: return purpose;
        }
    }

    private static String purposeZh(String purpose) {
        switch (purpose) {
            case "assertionMethod": return "签发凭证（assertionMethod）";
            case "authentication": return "身份认证（authentication）";
            case "keyAgreement": return "密钥协商（keyAgreement）";
            case "capabilityInvocation": return "能力调用（capabilityInvocation）";
            case "capabilityDelegation": return "能力委托（capabilityDelegation）";
            default: return purpose;
        }
    }

    private static String keyName(KeyType type) {
        switch (type) {
            case ED25519: return "Ed25519";
            case P256: return "P-256";
            case SM2: return "SM2";
            default: return type.name();
        }
    }

    /**
     * A key id short enough to read aloud: a did:key's fragment repeats its DID and is dropped; a DID longer than 24
     * characters is cut with an ellipsis, and so is a fragment longer than 16 ({@code did:key:z6MkrJVnaZkeFzdQ…},
     * {@code did:civitas:3Hq8TtWd2…#key-2}).
     */
    static String shortKey(String verificationMethod) {
        int hash = verificationMethod.indexOf('#');
        String base = hash < 0 ? verificationMethod : verificationMethod.substring(0, hash);
        String fragment = hash < 0 ? "" : verificationMethod.substring(hash + 1);
        if (base.startsWith("did:key:") && fragment.equals(base.substring(8))) fragment = "";
        return cut(base, 24) + (fragment.isEmpty() ? "" : "#" + cut(fragment, 16));
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
