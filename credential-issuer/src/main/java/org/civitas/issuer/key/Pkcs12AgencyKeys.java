package org.civitas.issuer.key;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidUrl;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.SigningKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agencies' issuing keys in a password-protected PKCS#12 file (BouncyCastle's PKCS12 keystore, which holds Ed25519,
 * SM2 and P-256 private keys as PKCS#8 entries; the JDK's keystore cannot read SM2 back). Each key is a private-key
 * entry whose self-signed certificate names the verification method id in its subject CN; the alias is a hash of
 * that id, since PKCS#12 aliases are compared without case and DIDs are not. Keys are read once, at open and on
 * import, and kept in memory as {@link SigningKey}s. Imports rewrite the file atomically (owner-only permissions
 * where the file system has them). Thread-safe.
 */
public final class Pkcs12AgencyKeys implements AgencyKeys {

    private static final Provider BC = new BouncyCastleProvider();

    private final Path file;
    private final char[] password;
    private final KeyStore store;
    private final Map<Did, Map<String, SigningKey>> keys = new ConcurrentHashMap<>();

    private Pkcs12AgencyKeys(Path file, char[] password, KeyStore store) {
        this.file = file;
        this.password = password.clone();
        this.store = store;
    }

    /** Opens the keystore file, or starts an empty one there (written at the first import). */
    public static Pkcs12AgencyKeys open(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", BC);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
            }
            Pkcs12AgencyKeys keys = new Pkcs12AgencyKeys(file, password, store);
            keys.readAll();
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            // the JCA's message may name the file and the failing step; it never contains key material
            throw new IllegalStateException("the issuing keystore " + file + " cannot be opened (wrong password or not "
                + "a PKCS#12 file): " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Map<String, SigningKey> of(Did agency) {
        Map<String, SigningKey> held = keys.get(agency);
        return held == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(held));
    }

    @Override
    public Set<Did> agencies() { return Set.copyOf(keys.keySet()); }

    /**
     * Imports a Multikey document with its secret ({@code id} a DID URL naming the verification method, e.g.
     * {@code did:civitas:…#key-0}); returns the method id. Importing a key already held is a no-op.
     *
     * @throws FormatException the document is not a Multikey with a secret and an id whose DID is the controller
     */
    public synchronized String importMultikey(String json) throws FormatException {
        SigningKey key = MultikeyDocument.signingKey(json);
        String id = MultikeyDocument.member(json, "id");
        if (id == null) throw new FormatException("Multikey document", "needs an id: the verification method's DID URL");
        DidUrl url = DidUrl.parse(id);
        if (url.fragment() == null || url.fragment().isEmpty()) {
            throw new FormatException("Multikey document", "the id must be a DID URL with a fragment, e.g. did:…#key-0");
        }
        String controller = MultikeyDocument.member(json, "controller");
        if (controller != null && !controller.equals(url.did().toString())) {
            throw new FormatException("Multikey document", "the controller is not the DID of the id");
        }
        SigningKey held = keys.getOrDefault(url.did(), Map.of()).get(id);
        if (held != null) {
            if (!held.verificationKey().equals(key.verificationKey())) {
                throw new FormatException("Multikey document", id + " is already held with another key");
            }
            return id;
        }
        byte[] secret = secretOf(json);
        try {
            PrivateKey privateKey = toJca(key.type(), secret);
            store.setKeyEntry(alias(id), privateKey, password,
                new Certificate[] {selfSigned(id, key.type(), secret, privateKey)});
            save();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot store " + id + " in the issuing keystore " + file + ": "
                + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        keys.computeIfAbsent(url.did(), d -> new ConcurrentHashMap<>()).put(id, key);
        return id;
    }

    /**
     * What one pass over an import directory did.
     *
     * @param added    keys new to the keystore
     * @param rejected files that are not Multikey documents with a secret, each with why (renamed
     *                 {@code *.rejected} so that they are not read again)
     */
    public record Imported(int added, List<String> rejected) {
        public Imported { rejected = List.copyOf(rejected); }
    }

    /**
     * Imports every {@code *.json} Multikey file of a directory and deletes it once its key is stored: from then on
     * the secret lives only in the password-protected keystore. A file that cannot be imported is renamed
     * {@code <name>.rejected} and reported, never quoted.
     */
    public Imported importDirectory(Path directory) throws IOException {
        int added = 0;
        List<String> rejected = new ArrayList<>();
        List<Path> files;
        try (var listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            int before = count();
            try {
                importMultikey(Files.readString(f));
            } catch (FormatException | IllegalArgumentException e) {
                rejected.add(f.getFileName() + ": " + e.getMessage());
                Files.move(f, f.resolveSibling(f.getFileName() + ".rejected"), StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            if (count() > before) added++;
            Files.delete(f);
        }
        return new Imported(added, rejected);
    }

    private int count() { return keys.values().stream().mapToInt(Map::size).sum(); }

    private void readAll() throws GeneralSecurityException {
        for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
            String alias = aliases.nextElement();
            if (!store.isKeyEntry(alias)) continue;
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            String id = commonName(certificate);
            PrivateKey privateKey = (PrivateKey) store.getKey(alias, password);
            SigningKey key = fromJca(privateKey);
            try {
                keys.computeIfAbsent(DidUrl.parse(id).did(), d -> new ConcurrentHashMap<>()).put(id, key);
            } catch (FormatException e) {
                throw new IllegalStateException("keystore entry " + alias + " names no verification method: " + id);
            }
        }
    }

    private void save() throws IOException, GeneralSecurityException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".issuing-keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the platform's default permissions apply
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    // --- conversions between Multikey secrets, PKCS#8 keys and SigningKeys -------------------------------------

    private static final Map<KeyType, ASN1ObjectIdentifier> CURVES = Map.of(
        KeyType.SM2, GMObjectIdentifiers.sm2p256v1, KeyType.P256, SECObjectIdentifiers.secp256r1);

    /** The 32 secret bytes of a Multikey document's {@code secretKeyMultibase} (multicodec header removed). */
    private static byte[] secretOf(String json) throws FormatException {
        var document = org.civitas.sdk.jcs.IJson.parseObject("Multikey document", json);
        String text = document.has("secretKeyMultibase") ? document.get("secretKeyMultibase").asText()
            : document.path("privateKeyMultibase").asText();
        byte[] bytes = Multibase.decode("secretKeyMultibase", text);
        try {
            int header = 0;
            while (header < bytes.length && (bytes[header] & 0x80) != 0) header++;
            return Arrays.copyOfRange(bytes, header + 1, bytes.length);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static PrivateKey toJca(KeyType type, byte[] secret) throws IOException, GeneralSecurityException {
        PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateParameters(type, secret));
        String algorithm = type == KeyType.ED25519 ? "Ed25519" : "EC";
        return KeyFactory.getInstance(algorithm, BC).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }

    private static AsymmetricKeyParameter privateParameters(KeyType type, byte[] secret) {
        if (type == KeyType.ED25519) return new Ed25519PrivateKeyParameters(secret, 0);
        return new ECPrivateKeyParameters(new BigInteger(1, secret), domain(type));
    }

    private static ECNamedDomainParameters domain(KeyType type) {
        ASN1ObjectIdentifier oid = CURVES.get(type);
        X9ECParameters curve = CustomNamedCurves.getByOID(oid);
        return new ECNamedDomainParameters(oid, curve);
    }

    private static SigningKey fromJca(PrivateKey key) throws GeneralSecurityException {
        KeyType type;
        byte[] secret;
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        try {
            if (key instanceof ECPrivateKey ec) {
                ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
                type = curve.equals(GMObjectIdentifiers.sm2p256v1) ? KeyType.SM2
                    : curve.equals(SECObjectIdentifiers.secp256r1) ? KeyType.P256 : null;
                if (type == null) throw new GeneralSecurityException("unsupported EC curve " + curve);
                secret = unsigned32(ec.getS());
            } else {
                type = KeyType.ED25519;
                secret = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("unreadable private key entry");
        }
        byte[] header = varint(type.secretKeyCodec());
        byte[] multikey = new byte[header.length + secret.length];
        System.arraycopy(header, 0, multikey, 0, header.length);
        System.arraycopy(secret, 0, multikey, header.length, secret.length);
        try {
            return SigningKey.fromSecretKeyMultibase(Multibase.encodeBase58Btc(multikey));
        } catch (FormatException e) {
            throw new GeneralSecurityException("a keystore entry is not a valid " + type + " key");
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(multikey, (byte) 0);
        }
    }

    private static X509Certificate selfSigned(String id, KeyType type, byte[] secret, PrivateKey privateKey)
            throws IOException, GeneralSecurityException {
        AsymmetricKeyParameter publicKey = type == KeyType.ED25519
            ? ((Ed25519PrivateKeyParameters) privateParameters(type, secret)).generatePublicKey()
            : publicEc(type, secret);
        SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, id).build();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(36500))), name, info);
        String algorithm = switch (type) {
            case ED25519 -> "Ed25519";
            case SM2 -> "SM3withSM2";
            case P256 -> "SHA256withECDSA";
        };
        try {
            return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(privateKey)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the entry's certificate");
        }
    }

    private static ECPublicKeyParameters publicEc(KeyType type, byte[] secret) {
        ECNamedDomainParameters domain = domain(type);
        return new ECPublicKeyParameters(domain.getG().multiply(new BigInteger(1, secret)).normalize(), domain);
    }

    private static String commonName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return ((ASN1String) name.getRDNs(BCStyle.CN)[0].getFirst().getValue()).getString();
    }

    /** A short, case-free alias for a verification method id. */
    private static String alias(String id) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "key-" + java.util.HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    /** Unsigned LEB128, as multicodec headers are written. */
    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
        return out.toByteArray();
    }

    /** Redacted: the file and the key ids only. */
    @Override
    public String toString() {
        Map<String, Integer> counts = new HashMap<>();
        keys.forEach((did, held) -> counts.put(did.toString(), held.size()));
        return "Pkcs12AgencyKeys[" + file + ", " + counts + "]";
    }
}
