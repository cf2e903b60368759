package org.civitas.sample.wallet.app;

import android.content.pm.PackageManager;
import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import android.security.keystore.StrongBoxUnavailableException;
import org.civitas.sample.wallet.core.DeviceKey;
import org.civitas.sample.wallet.core.EcdsaSignatures;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.VerificationKey;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;

/**
 * The wallet's device key in the Android Keystore: P-256 (the keystore has Ed25519 only from API 33), in StrongBox
 * when the phone has one (API 28+), else in the TEE. The private key never leaves the keystore.
 */
final class KeystoreDeviceKey implements DeviceKey {

    private static final String PROVIDER = "AndroidKeyStore";
    private static final String ALIAS = "civitas-device-key";

    private final PrivateKey privateKey;
    private final VerificationKey publicKey;
    private final String storage;

    private KeystoreDeviceKey(PrivateKey privateKey, ECPublicKey publicKey, String storage) {
        this.privateKey = privateKey;
        this.publicKey = compressed(publicKey);
        this.storage = storage;
    }

    /** The key made on first use, or made now. */
    static KeystoreDeviceKey loadOrCreate(PackageManager packages) {
        try {
            KeyStore store = KeyStore.getInstance(PROVIDER);
            store.load(null);
            if (!store.containsAlias(ALIAS)) {
                try {
                    generate(packages.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE));
                } catch (StrongBoxUnavailableException e) {
                    generate(false);
                }
            }
            KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) store.getEntry(ALIAS, null);
            boolean inStrongBox = packages.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE);
            return new KeystoreDeviceKey(entry.getPrivateKey(), (ECPublicKey) entry.getCertificate().getPublicKey(),
                inStrongBox ? "strongbox" : "tee");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the Android Keystore cannot hold the device key: " + e.getMessage(), e);
        }
    }

    private static void generate(boolean strongBox) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, PROVIDER);
        generator.initialize(new KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
            .setAlgorithmParameterSpec(new ECGenParameterSpec("secp256r1"))
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setIsStrongBoxBacked(strongBox)
            .build());
        generator.generateKeyPair();
    }

    @Override public KeyType type() { return KeyType.P256; }

    @Override public VerificationKey publicKey() { return publicKey; }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(message);
            return EcdsaSignatures.derToRaw(signature.sign(), 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the device key cannot sign: " + e.getMessage(), e);
        }
    }

    @Override public String storage() { return storage; }

    /** The SEC 1 compressed point, the form Multikey carries. */
    private static VerificationKey compressed(ECPublicKey key) {
        ECPoint w = key.getW();
        byte[] x = w.getAffineX().toByteArray();
        byte[] point = new byte[33];
        point[0] = (byte) (w.getAffineY().testBit(0) ? 0x03 : 0x02);
        int copy = Math.min(32, x.length);
        System.arraycopy(x, x.length - copy, point, 33 - copy, copy);
        try {
            return VerificationKey.of(KeyType.P256, point);
        } catch (FormatException e) {
            throw new IllegalStateException("the keystore's public key is not a P-256 point", e);
        }
    }
}
