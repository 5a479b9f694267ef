package org.marketetl.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.RecordingProxy;
import org.marketetl.testing.SecretsExtensionStandIn;
import org.marketetl.testing.TestKeys;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Key-pair sign-in as production configures it: the private key comes from Secrets Manager
 * through the secrets extension (here its stand-in), {@link SecretsConfigSource} turns it into
 * driver properties, and the real snowflake-jdbc driver, with the driver properties of
 * application.properties, signs in to fakesnow. fakesnow accepts any login, so the test reads the
 * login request on its way (a {@link RecordingProxy}) and checks that its JWT is signed with the
 * test's key. Runs in the fakesnow pass ({@code test.warehouse=fakesnow}).
 */
@Tag("warehouse")
class KeyPairSignInTest {

    private static final String KEY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake-key-AbCdEf";
    private static final String USER = "MARKET_ETL";
    private static final String DRIVER_PROPERTY = "quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.";
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:snowflake://([^/]+)/\\?(.*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WarehouseResource fakesnow;
    private static String fakesnowUrl;

    private final SecretsExtensionStandIn extension = SecretsExtensionStandIn.start("session-token");
    private RecordingProxy proxy;

    @BeforeAll
    static void startFakesnow() {
        assumeTrue(WarehouseResource.current().equals("fakesnow"), "the key-pair sign-in runs in the fakesnow pass");
        fakesnow = new WarehouseResource();
        fakesnowUrl = fakesnow.start().get("quarkus.datasource.snowflake.jdbc.url");
    }

    @AfterAll
    static void stopFakesnow() {
        if (fakesnow != null) {
            fakesnow.stop();
        }
    }

    @AfterEach
    void stop() {
        extension.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void signsIn_withAnUnencryptedPkcs8Key_andTheJwtIsSignedWithIt() throws Exception {
        KeyPair keys = TestKeys.rsa2048();
        extension.put(KEY_ARN, TestKeys.pkcs8Pem(keys));

        int one = selectOne(productionDriverProperties());

        assertThat(one).isEqualTo(1);
        assertSignedWith(keys, loginJwt());
    }

    @Test
    void signsIn_withAPkcs1Key() throws Exception {
        KeyPair keys = TestKeys.rsa2048();
        extension.put(KEY_ARN, TestKeys.pkcs1Pem(keys));

        int one = selectOne(productionDriverProperties());

        assertThat(one).isEqualTo(1);
        assertSignedWith(keys, loginJwt());
    }

    @Test
    void driverRefusesTheBase64OfTheDerBody_beforeAnyRequest() throws Exception {
        KeyPair keys = TestKeys.rsa2048();
        extension.put(KEY_ARN, TestKeys.pkcs8Pem(keys));
        Properties properties = productionDriverProperties();
        // What the function passed before: the key's DER body, not the PEM text.
        properties.setProperty("private_key_base64", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));

        assertThatThrownBy(() -> selectOne(properties))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Private key provided is invalid or not supported");
        assertThat(proxy.recorded()).as("login requests sent").isEmpty();
    }

    /**
     * What the function's configuration gives the driver: the additional JDBC properties of
     * application.properties (production's, without profile) and those of the secrets source.
     */
    private Properties productionDriverProperties() throws IOException {
        Properties application = new Properties();
        try (InputStream in = KeyPairSignInTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        Map<String, String> env = new HashMap<>(extension.environment());
        env.put("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN", KEY_ARN);
        SecretsConfigSource secrets = new SecretsConfigSource(env);
        Properties driver = new Properties();
        application.stringPropertyNames().stream().filter(name -> name.startsWith(DRIVER_PROPERTY))
                .forEach(name -> driver.setProperty(name.substring(DRIVER_PROPERTY.length()), application.getProperty(name)));
        secrets.getPropertyNames().stream().filter(name -> name.startsWith(DRIVER_PROPERTY))
                .forEach(name -> driver.setProperty(name.substring(DRIVER_PROPERTY.length()), secrets.getValue(name)));
        assertThat(driver).containsEntry("authenticator", "SNOWFLAKE_JWT").containsKey("private_key_base64")
                .doesNotContainKey("password");
        driver.setProperty("user", USER);
        return driver;
    }

    /** Signs in through the recording proxy and runs {@code SELECT 1}. */
    private int selectOne(Properties properties) throws SQLException {
        Matcher url = HOST_PORT.matcher(fakesnowUrl);
        assertThat(url.matches()).as(fakesnowUrl).isTrue();
        proxy = RecordingProxy.start(URI.create("http://" + url.group(1)), "/session/v1/login-request");
        String viaProxy = "jdbc:snowflake://127.0.0.1:" + proxy.port() + "/?" + url.group(2);
        try (Connection connection = DriverManager.getConnection(viaProxy, properties);
                ResultSet result = connection.createStatement().executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }

    private String loginJwt() throws IOException {
        assertThat(proxy.recorded()).as("login requests").hasSize(1);
        JsonNode data = JSON.readTree(proxy.recorded().get(0)).path("data");
        assertThat(data.path("AUTHENTICATOR").asText()).isEqualTo("SNOWFLAKE_JWT");
        assertThat(data.has("PASSWORD")).isFalse();
        return data.path("TOKEN").asText();
    }

    /** RS256 over header.payload with the key's public half; issuer names the key's fingerprint. */
    private static void assertSignedWith(KeyPair keys, String jwt) throws GeneralSecurityException, IOException {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("JWT parts").hasSize(3);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature verifies with the test's key").isTrue();
        String fingerprint = "SHA256:" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
        assertThat(claims.path("iss").asText()).isEqualTo("FAKESNOW." + USER + "." + fingerprint);
        assertThat(claims.path("sub").asText()).isEqualTo("FAKESNOW." + USER);
    }
}
