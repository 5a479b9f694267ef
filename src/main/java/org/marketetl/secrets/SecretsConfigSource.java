package org.marketetl.secrets;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Configuration values that live in AWS Secrets Manager, read once per container when the
 * configuration first asks for them (at start-up, before the pool opens a connection):
 * <ul>
 * <li>{@code FMP_API_KEY_SECRET_ARN}: the FMP API key (the secret string as is);</li>
 * <li>{@code SNOWFLAKE_PRIVATE_KEY_SECRET_ARN}: the Snowflake user's RSA private key as PEM (PKCS#8, or
 * PKCS#1 which {@link PrivateKeys} converts), passed
 * to snowflake-jdbc as {@code private_key_base64} with key-pair authentication;</li>
 * <li>{@code SNOWFLAKE_PRIVATE_KEY_FILE}: for local use, a key file instead of a secret.</li>
 * </ul>
 * Without these variables it provides nothing. Ordinal 270: above application.properties,
 * below environment variables and system properties, so a developer can still override.
 */
public class SecretsConfigSource implements ConfigSource {

    static final String FMP_API_KEY = "market-etl.market-data.api-key";
    static final String SNOWFLAKE_PROPERTY = "quarkus.datasource.snowflake.jdbc.additional-jdbc-properties.";

    private final Map<String, Function<SecretsExtensionClient, String>> fromSecrets = new HashMap<>();
    private final Map<String, String> plain = new HashMap<>();
    private final Map<String, String> resolved = new ConcurrentHashMap<>();
    private final Map<String, String> env;

    public SecretsConfigSource() {
        this(System.getenv());
    }

    SecretsConfigSource(Map<String, String> env) {
        this.env = env;
        String fmpSecret = env.get("FMP_API_KEY_SECRET_ARN");
        if (fmpSecret != null && !fmpSecret.isBlank()) {
            fromSecrets.put(FMP_API_KEY, client -> client.secretString(fmpSecret).strip());
        }
        String keySecret = env.get("SNOWFLAKE_PRIVATE_KEY_SECRET_ARN");
        String keyFile = env.get("SNOWFLAKE_PRIVATE_KEY_FILE");
        if (keySecret != null && !keySecret.isBlank()) {
            fromSecrets.put(SNOWFLAKE_PROPERTY + "private_key_base64",
                    client -> PrivateKeys.driverValue(client.secretString(keySecret)));
            plain.put(SNOWFLAKE_PROPERTY + "authenticator", "SNOWFLAKE_JWT");
        } else if (keyFile != null && !keyFile.isBlank()) {
            plain.put(SNOWFLAKE_PROPERTY + "private_key_file", keyFile);
            plain.put(SNOWFLAKE_PROPERTY + "authenticator", "SNOWFLAKE_JWT");
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        Set<String> names = new java.util.HashSet<>(fromSecrets.keySet());
        names.addAll(plain.keySet());
        return names;
    }

    @Override
    public String getValue(String propertyName) {
        if (plain.containsKey(propertyName)) {
            return plain.get(propertyName);
        }
        Function<SecretsExtensionClient, String> secret = fromSecrets.get(propertyName);
        if (secret == null) {
            return null;
        }
        return resolved.computeIfAbsent(propertyName, name -> secret.apply(client()));
    }

    private SecretsExtensionClient client() {
        String port = env.getOrDefault("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2773");
        return new SecretsExtensionClient(URI.create("http://localhost:" + port), env.get("AWS_SESSION_TOKEN"));
    }

    @Override
    public int getOrdinal() {
        return 270;
    }

    @Override
    public String getName() {
        return "aws-secrets";
    }
}
