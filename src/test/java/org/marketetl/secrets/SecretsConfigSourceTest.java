package org.marketetl.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Secrets come from the Lambda secrets extension once per container, and never show up in an error. */
class SecretsConfigSourceTest {

    private static final String KEY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake-key-AbCdEf";
    private static final String FMP_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:fmp-key-XyZ123";
    private static final String SESSION_TOKEN = "session-token-for-the-extension";

    private HttpServer extension;
    private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startFakeExtension() throws IOException {
        extension = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        extension.createContext("/secretsmanager/get", exchange -> {
            requests.incrementAndGet();
            tokensSeen.add(exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token"));
            String id = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("secretId=".length()),
                    StandardCharsets.UTF_8);
            String secret = secrets.get(id);
            byte[] body = secret == null ? "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8)
                    : ("{\"ARN\":\"" + id + "\",\"SecretString\":" + quote(secret) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(secret == null ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        extension.start();
    }

    @AfterEach
    void stopFakeExtension() {
        extension.stop(0);
    }

    @Test
    void providesNothing_whenNoSecretIsConfigured() {
        SecretsConfigSource source = new SecretsConfigSource(Map.of());

        assertThat(source.getPropertyNames()).isEmpty();
        assertThat(source.getValue(SecretsConfigSource.FMP_API_KEY)).isNull();
    }

    @Test
    void readsTheFmpKey_onceThroughTheExtension_withTheSessionToken() {
        secrets.put(FMP_ARN, "fmp-secret-value\n");
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("FMP_API_KEY_SECRET_ARN", FMP_ARN)));

        assertThat(source.getPropertyNames()).containsExactly(SecretsConfigSource.FMP_API_KEY);
        assertThat(source.getValue(SecretsConfigSource.FMP_API_KEY)).isEqualTo("fmp-secret-value");
        assertThat(source.getValue(SecretsConfigSource.FMP_API_KEY)).isEqualTo("fmp-secret-value");
        assertThat(requests).hasValue(1);
        assertThat(tokensSeen).containsExactly(SESSION_TOKEN);
    }

    @Test
    void turnsThePrivateKeyPemIntoKeyPairAuthentication() throws NoSuchAlgorithmException {
        String der = Base64.getEncoder().encodeToString(rsaKey());
        secrets.put(KEY_ARN, pem(der));
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThat(source.getValue(SecretsConfigSource.SNOWFLAKE_PROPERTY + "private_key_base64")).isEqualTo(der);
        assertThat(source.getValue(SecretsConfigSource.SNOWFLAKE_PROPERTY + "authenticator")).isEqualTo("SNOWFLAKE_JWT");
    }

    @Test
    void refusesAnEncryptedKey_withoutQuotingIt() {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhr\n-----END ENCRYPTED PRIVATE KEY-----";
        secrets.put(KEY_ARN, encrypted);
        SecretsConfigSource source = new SecretsConfigSource(env(Map.of("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN)));

        assertThatThrownBy(() -> source.getValue(SecretsConfigSource.SNOWFLAKE_PROPERTY + "private_key_base64"))
                .hasMessageContaining("unencrypted PKCS#8")
                .hasMessageNotContaining("TUlJRXZRSUJBREFOQmdrcWhr");
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
        Map<String, String> env = new java.util.HashMap<>(secretsConfig);
        env.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(extension.getAddress().getPort()));
        env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
        return env;
    }

    private static byte[] rsaKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate().getEncoded();
    }

    private static String pem(String base64) {
        StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < base64.length(); i += 64) {
            pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return pem.append("-----END PRIVATE KEY-----\n").toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
