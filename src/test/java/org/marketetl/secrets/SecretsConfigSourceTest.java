package org.marketetl.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.SecretsExtensionStandIn;
import org.marketetl.testing.TestKeys;

/** Secrets come from the Lambda secrets extension once per container, and never show up in an error. */
class SecretsConfigSourceTest {

    private static final String KEY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake-key-AbCdEf";
    private static final String FMP_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:fmp-key-XyZ123";
    private static final String SESSION_TOKEN = "session-token-for-the-extension";
    private static final String PRIVATE_KEY = SecretsConfigSource.SNOWFLAKE_PROPERTY + "private_key_base64";

    private final SecretsExtensionStandIn extension = SecretsExtensionStandIn.start(SESSION_TOKEN);

    @AfterEach
    void stopExtension() {
        extension.close();
    }

    @Test
    void providesNothing_whenNoSecretIsConfigured() {
        SecretsConfigSource source = new SecretsConfigSource(Map.of());

        assertThat(source.getPropertyNames()).isEmpty();
        assertThat(source.getValue(SecretsConfigSource.FMP_API_KEY)).isNull();
    }

    @Test
    void readsTheFmpKey_onceThroughTheExtension_withTheSessionToken() {
        extension.put(FMP_ARN, "fmp-secret-value\n");
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("FMP_API_KEY_SECRET_ARN", FMP_ARN)));

        assertThat(source.getPropertyNames()).containsExactly(SecretsConfigSource.FMP_API_KEY);
        assertThat(source.getValue(SecretsConfigSource.FMP_API_KEY)).isEqualTo("fmp-secret-value");
        assertThat(source.getValue(SecretsConfigSource.FMP_API_KEY)).isEqualTo("fmp-secret-value");
        assertThat(extension.tokensSeen()).containsExactly(SESSION_TOKEN);
    }

    @Test
    void givesTheDriverTheBase64OfThePkcs8PemText_withKeyPairAuthentication() {
        KeyPair keys = TestKeys.rsa2048();
        extension.put(KEY_ARN, TestKeys.pkcs8Pem(keys));
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        String value = source.getValue(PRIVATE_KEY);

        assertThat(decoded(value)).isEqualTo(TestKeys.pkcs8Pem(keys));
        assertThat(source.getValue(SecretsConfigSource.SNOWFLAKE_PROPERTY + "authenticator")).isEqualTo("SNOWFLAKE_JWT");
    }

    @Test
    void convertsAPkcs1Key_toTheSamePkcs8Pem() {
        KeyPair keys = TestKeys.rsa2048();
        extension.put(KEY_ARN, TestKeys.pkcs1Pem(keys));
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThat(decoded(source.getValue(PRIVATE_KEY))).isEqualTo(TestKeys.pkcs8Pem(keys));
    }

    @Test
    void refusesAnEncryptedKey_namingTheConversion_withoutQuotingIt() {
        String encrypted = TestKeys.encryptedPkcs8Pem(TestKeys.rsa2048(), "a passphrase");
        extension.put(KEY_ARN, encrypted);
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThatThrownBy(() -> source.getValue(PRIVATE_KEY))
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .hasMessageNotContaining(encrypted.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void refusesATraditionallyEncryptedPkcs1Key() {
        String legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + "TUlJRXZRSUJBREFOQmdrcWhr\n-----END RSA PRIVATE KEY-----\n";
        extension.put(KEY_ARN, legacy);
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThatThrownBy(() -> source.getValue(PRIVATE_KEY)).hasMessageContaining(PrivateKeys.UNENCRYPT_COMMAND);
    }

    @Test
    void refusesAPemThatIsNotAnRsaKey_withoutQuotingIt() {
        String notAKey = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhr\n-----END PRIVATE KEY-----";
        extension.put(KEY_ARN, notAKey);
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThatThrownBy(() -> source.getValue(PRIVATE_KEY))
                .hasMessageContaining("not an RSA private key")
                .hasMessageNotContaining("TUlJRXZRSUJBREFOQmdrcWhr");
    }

    @Test
    void refusesASecretThatIsNoPem() {
        extension.put(KEY_ARN, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThatThrownBy(() -> source.getValue(PRIVATE_KEY))
                .hasMessageContaining("not a PEM private key")
                .hasMessageNotContaining("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
    }

    @Test
    void namesTheSecret_whenTheExtensionCannotServeIt() {
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("FMP_API_KEY_SECRET_ARN", FMP_ARN)));

        assertThatThrownBy(() -> source.getValue(SecretsConfigSource.FMP_API_KEY))
                .hasMessageContaining(FMP_ARN)
                .hasMessageContaining("HTTP 400");
    }

    @Test
    void usesAKeyFile_forLocalRuns() {
        SecretsConfigSource source = new SecretsConfigSource(Map.of("SNOWFLAKE_PRIVATE_KEY_FILE", "/home/me/rsa_key.p8"));

        assertThat(source.getValue(SecretsConfigSource.SNOWFLAKE_PROPERTY + "private_key_file"))
                .isEqualTo("/home/me/rsa_key.p8");
        assertThat(source.getValue(SecretsConfigSource.SNOWFLAKE_PROPERTY + "authenticator")).isEqualTo("SNOWFLAKE_JWT");
    }

    private Map<String, String> env(Map<String, String> secretsConfig) {
        Map<String, String> env = new HashMap<>(secretsConfig);
        env.putAll(extension.environment());
        return env;
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
