package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.LedgerHash;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The container of a bundle or delta file (docs/trust-bundle.md, "Encoding"): a fixed header, the gzip-compressed
 * JSON body, and the publisher's signature over header and compressed body. The signature is checked before
 * anything is decompressed or parsed, so a stranger's file costs one signature check and no parsing.
 */
final class BundleFile {

    /** The file's first bytes. */
    static final byte[] MAGIC = "CIVTB".getBytes(StandardCharsets.US_ASCII);
    /** The container format this SDK reads and writes. */
    static final int FORMAT = 1;
    static final int HEADER = MAGIC.length + 2 + 4;
    /** Refuses bodies that would inflate beyond this: a compression bomb is not a bundle. */
    static final long MAX_BODY = 1L << 30;

    enum Kind {
        FULL('F', "CivitasTrustBundle/1"), DELTA('D', "CivitasTrustBundleDelta/1");

        final byte tag;
        final String type;

        Kind(char tag, String type) {
            this.tag = (byte) tag;
            this.type = type;
        }
    }

    private BundleFile() { }

    static byte[] seal(Kind kind, ObjectNode body, SigningKey publisher) {
        body.put("type", kind.type);
        byte[] compressed = gzip(body);
        ByteBuffer signed = ByteBuffer.allocate(HEADER + compressed.length);
        signed.put(MAGIC).put(kind.tag).put((byte) FORMAT).putInt(compressed.length).put(compressed);
        byte[] signedBytes = signed.array();
        byte[] signer = DidKey.verificationMethodId(publisher.verificationKey()).getBytes(StandardCharsets.UTF_8);
        byte[] signature = publisher.sign(signedBytes);
        ByteBuffer file = ByteBuffer.allocate(signedBytes.length + 2 + signer.length + 2 + signature.length);
        file.put(signedBytes).putShort((short) signer.length).put(signer).putShort((short) signature.length).put(signature);
        return file.array();
    }

    /** Checks the frame and the publisher's signature, then inflates and parses the body. */
    static ObjectNode open(byte[] file, Kind kind, VerificationKey publisher) throws TrustBundleException {
        String what = kind == Kind.FULL ? "trust bundle" : "trust bundle delta";
        String zhWhat = kind == Kind.FULL ? "信任包" : "信任包增量";
        if (file.length < HEADER || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw file.length < HEADER && startsLikeMagic(file)
                ? TrustBundleException.of(Refusal.TRUNCATED, "The " + what + " file is cut short; download it again",
                    zhWhat + "文件不完整，请重新下载")
                : TrustBundleException.of(Refusal.MALFORMED, "This is not a Civitas " + what + " file",
                    "这不是 Civitas " + zhWhat + "文件");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        ((java.nio.Buffer) in).position(MAGIC.length);   // through Buffer: ByteBuffer.position(int) is newer than Android 26
        byte tag = in.get();
        int format = in.get();
        if (tag != kind.tag || format != FORMAT) {
            throw TrustBundleException.of(Refusal.MALFORMED, "Expected a " + what + " in format " + FORMAT
                + " but the file is a " + (tag == Kind.FULL.tag ? "full bundle" : tag == Kind.DELTA.tag ? "delta" : "?")
                + " in format " + format, "文件类型或格式版本不符（应为格式 " + FORMAT + " 的" + zhWhat + "）");
        }
        long bodyLength = in.getInt() & 0xFFFFFFFFL;
        if (bodyLength + HEADER + 4 > file.length) throw truncated(what, zhWhat);
        int signedLength = (int) (HEADER + bodyLength);
        ((java.nio.Buffer) in).position(signedLength);   // through Buffer: ByteBuffer.position(int) is newer than Android 26
        byte[] signer = block(in, what, zhWhat);
        byte[] signature = block(in, what, zhWhat);
        if (in.hasRemaining()) {
            throw TrustBundleException.of(Refusal.MALFORMED, "The " + what + " file has extra bytes after its signature",
                zhWhat + "文件在签名之后还有多余的字节");
        }
        String expected = DidKey.verificationMethodId(publisher);
        String named = new String(signer, StandardCharsets.UTF_8);
        if (!named.equals(expected)) {
            throw TrustBundleException.of(Refusal.FORGED, "The " + what + " is signed by " + named
                + ", not by the publisher this verifier trusts (" + expected + ")",
                zhWhat + "的签名者是 " + named + "，而非本核验端信任的发布者（" + expected + "）");
        }
        if (!publisher.verify(Arrays.copyOf(file, signedLength), signature)) {
            throw TrustBundleException.of(Refusal.FORGED, "The publisher's signature on the " + what
                + " does not verify: it was altered after signing", zhWhat + "的发布者签名验证失败：文件在签名后被改动");
        }
        JsonNode body;
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(file, HEADER, (int) bodyLength))) {
            body = IJson.mapper().readTree(new BoundedStream(gz, MAX_BODY));
        } catch (IOException e) {
            throw TrustBundleException.of(Refusal.MALFORMED, "The " + what + " body does not decompress to JSON: "
                + e.getMessage(), zhWhat + "内容无法解压为 JSON");
        }
        if (!(body instanceof ObjectNode object) || !kind.type.equals(body.path("type").asText())) {
            throw malformed("the body is not a " + kind.type + " object");
        }
        return object;
    }

    private static boolean startsLikeMagic(byte[] file) {
        for (int i = 0; i < Math.min(file.length, MAGIC.length); i++) if (file[i] != MAGIC[i]) return false;
        return file.length > 0;
    }

    private static byte[] block(ByteBuffer in, String what, String zhWhat) throws TrustBundleException {
        if (in.remaining() < 2) throw truncated(what, zhWhat);
        int length = in.getShort() & 0xFFFF;
        if (in.remaining() < length) throw truncated(what, zhWhat);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static TrustBundleException truncated(String what, String zhWhat) {
        return TrustBundleException.of(Refusal.TRUNCATED, "The " + what + " file is cut short (its length does not"
            + " match its header); download it again", zhWhat + "文件不完整（长度与文件头不符），请重新下载");
    }

    static TrustBundleException malformed(String detail) {
        return TrustBundleException.of(Refusal.MALFORMED, "The trust data is malformed: " + detail,
            "信任数据格式错误：" + detail);
    }

    static TrustBundleException malformed(FormatException e) { return malformed(e.getMessage()); }

    private static byte[] gzip(ObjectNode body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            IJson.mapper().writeValue(new NonClosing(out), body);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The ledger hashes of a file's proofs, each stored once: proofs of entries of one tree share their upper
     * levels, so the table is about half the size of the paths written out. Written as one base64url string of the
     * concatenated 32-byte hashes; proofs list indexes into it.
     */
    static final class Nodes {
        private final Map<ByteBuffer, Integer> index = new HashMap<>();
        private final ByteArrayOutputStream table = new ByteArrayOutputStream();
        private final List<byte[]> read;

        Nodes() { this.read = null; }

        private Nodes(List<byte[]> read) { this.read = read; }

        static Nodes parse(JsonNode text) throws TrustBundleException {
            if (text == null || !text.isTextual()) throw malformed("nodes must be a base64url string");
            byte[] all;
            try {
                all = Base64.getUrlDecoder().decode(text.textValue());
            } catch (IllegalArgumentException e) {
                throw malformed("nodes is not base64url");
            }
            if (all.length % LedgerHash.SIZE != 0) throw malformed("nodes is not a whole number of 32-byte hashes");
            List<byte[]> hashes = new ArrayList<>(all.length / LedgerHash.SIZE);
            for (int i = 0; i < all.length; i += LedgerHash.SIZE) hashes.add(Arrays.copyOfRange(all, i, i + LedgerHash.SIZE));
            return new Nodes(hashes);
        }

        int add(byte[] hash) {
            return index.computeIfAbsent(ByteBuffer.wrap(hash.clone()), h -> {
                table.write(hash, 0, hash.length);
                return index.size();
            });
        }

        void addAll(List<byte[]> path, com.fasterxml.jackson.databind.node.ArrayNode out) {
            for (byte[] hash : path) out.add(add(hash));
        }

        String encoded() { return Base64.getUrlEncoder().withoutPadding().encodeToString(table.toByteArray()); }

        List<byte[]> path(JsonNode indexes) throws TrustBundleException {
            if (indexes == null || !indexes.isArray()) throw malformed("a proof path must be an array of node indexes");
            List<byte[]> path = new ArrayList<>(indexes.size());
            for (JsonNode i : indexes) {
                if (!i.canConvertToInt() || i.intValue() < 0 || i.intValue() >= read.size()) {
                    throw malformed("a proof path names node " + i + " of " + read.size());
                }
                path.add(read.get(i.intValue()));
            }
            return path;
        }
    }

    /** Keeps Jackson from closing the gzip stream before its trailer is written by try-with-resources. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) { super(out); }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override public void close() throws IOException { flush(); }
    }

    /** Stops reading past a limit. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override public int read() throws IOException {
            if (left-- <= 0) throw new IOException("the body inflates beyond " + MAX_BODY + " bytes");
            return super.read();
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) throw new IOException("the body inflates beyond " + MAX_BODY + " bytes");
            return n;
        }
    }
}
