package org.marketetl.testing;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * RSA 2048 key pairs made by the test itself, in the PEM forms users hold: unencrypted PKCS#8
 * (what {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048} writes), PKCS#1
 * ({@code openssl genrsa -traditional}) and encrypted PKCS#8 ({@code openssl pkcs8 -topk8}).
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----}. */
    public static String pkcs8Pem(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /**
     * {@code -----BEGIN RSA PRIVATE KEY-----}: the RSAPrivateKey inside the JDK's PKCS#8 encoding,
     * which for RSA is a fixed 26-byte header (SEQUENCE, version, rsaEncryption, OCTET STRING) for
     * a 2048-bit key.
     */
    public static String pkcs1Pem(KeyPair keys) {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        if (pkcs8[22] != 0x04) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    /**
     * {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, encrypted with PBE-SHA1-3DES (as
     * {@code openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES} writes it; JDK 17 cannot encode PBES2 here).
     */
    public static String encryptedPkcs8Pem(KeyPair keys, String passphrase) {
        try {
            String algorithm = "PBEWithSHA1AndDESede";
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            PBEParameterSpec spec = new PBEParameterSpec(salt, 10_000);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE,
                    SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase.toCharArray())), spec);
            AlgorithmParameters parameters = cipher.getParameters();
            byte[] encrypted = cipher.doFinal(keys.getPrivate().getEncoded());
            return pem("ENCRYPTED PRIVATE KEY", new EncryptedPrivateKeyInfo(parameters, encrypted).getEncoded());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
