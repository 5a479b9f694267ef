package org.marketetl.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the PEM private key held in the secret into snowflake-jdbc's {@code private_key_base64}.
 * snowflake-jdbc 4.4.1 base64-decodes that value and parses the result as PEM <em>text</em>,
 * headers included ({@code SessionUtilKeyPair.extractPrivateKeyFromBase64}): the value is the
 * base64 of a whole {@code -----BEGIN PRIVATE KEY-----} block, not of the DER body.
 * <ul>
 * <li>PKCS#8 ({@code BEGIN PRIVATE KEY}): passed on, re-wrapped as canonical PEM.</li>
 * <li>PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa -traditional} and older
 * tools write): converted here to PKCS#8, so the driver always reads one format.</li>
 * <li>Encrypted ({@code BEGIN ENCRYPTED PRIVATE KEY}, or PKCS#1 with {@code Proc-Type: 4,ENCRYPTED}):
 * refused with the command that converts it. Secrets Manager already encrypts the secret with KMS;
 * a passphrase would be a second secret kept beside the first, protecting nothing more.</li>
 * </ul>
 * The key is checked to be an RSA key (Snowflake's key-pair authentication takes only RSA) so a
 * wrong secret fails here, by name, rather than in the driver. No error quotes the key.
 */
final class PrivateKeys {

    static final String UNENCRYPT_COMMAND = "openssl pkcs8 -topk8 -nocrypt -in rsa_key.p8 -out rsa_key_unencrypted.p8";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private PrivateKeys() {
    }

    /** The {@code private_key_base64} value for the PEM text of an RSA private key. */
    static String driverValue(String pemText) {
        Matcher pem = PEM.matcher(pemText);
        if (!pem.find()) {
            throw new IllegalStateException("the Snowflake private key secret is not a PEM private key "
                    + "(-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)");
        }
        String type = pem.group(1);
        String content = pem.group(2);
        if (type.equals("ENCRYPTED PRIVATE KEY") || content.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalStateException("the Snowflake private key is encrypted; store it unencrypted "
                    + "(Secrets Manager encrypts the secret): " + UNENCRYPT_COMMAND);
        }
        byte[] der = switch (type) {
            case "PRIVATE KEY" -> decode(content);
            case "RSA PRIVATE KEY" -> pkcs8FromPkcs1(decode(content));
            default -> throw new IllegalStateException("the Snowflake private key secret holds a PEM '" + type
                    + "', not an RSA private key (PKCS#8 or PKCS#1)");
        };
        requireRsa(der);
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        String canonical = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        return Base64.getEncoder().encodeToString(canonical.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] decode(String content) {
        try {
            return Base64.getMimeDecoder().decode(content.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Snowflake private key secret is not valid base64 PEM");
        }
    }

    /** PKCS#8 PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
    static byte[] pkcs8FromPkcs1(byte[] rsaPrivateKey) {
        byte[] octets = tlv(0x04, rsaPrivateKey);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(VERSION_0);
        info.writeBytes(RSA_ALGORITHM);
        info.writeBytes(octets);
        return tlv(0x30, info.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void requireRsa(byte[] pkcs8) {
        try {
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the Snowflake private key secret is not an RSA private key ("
                    + e.getClass().getSimpleName() + "); Snowflake key-pair authentication takes RSA keys only");
        }
    }
}
