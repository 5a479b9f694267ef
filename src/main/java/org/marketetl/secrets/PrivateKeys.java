package org.marketetl.secrets;

import java.util.Base64;

/** The PEM text of an unencrypted PKCS#8 private key, as snowflake-jdbc's {@code private_key_base64} wants it. */
final class PrivateKeys {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PrivateKeys() {
    }

    /** The base64 DER body of a PEM key, on one line; the key itself never appears in the error. */
    static String base64Der(String pem) {
        String text = pem.strip();
        if (text.contains("ENCRYPTED PRIVATE KEY") || text.contains("RSA PRIVATE KEY")) {
            throw new IllegalStateException("the Snowflake private key must be an unencrypted PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalStateException("the Snowflake private key secret is not a PEM private key");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
        try {
            Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Snowflake private key secret is not valid base64 PEM");
        }
        return body;
    }
}
