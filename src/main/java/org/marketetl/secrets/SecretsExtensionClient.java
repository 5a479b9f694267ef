package org.marketetl.secrets;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a secret through the AWS Parameters and Secrets Lambda Extension, which serves Secrets
 * Manager on localhost inside the Lambda sandbox and caches it. This keeps the AWS SDK (and its
 * native-image configuration) out of the function. Errors name the secret, never its value.
 */
final class SecretsExtensionClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final String sessionToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param endpoint     e.g. {@code http://localhost:2773}
     * @param sessionToken the invocation's {@code AWS_SESSION_TOKEN}, which the extension requires
     */
    SecretsExtensionClient(URI endpoint, String sessionToken) {
        this.endpoint = endpoint;
        this.sessionToken = sessionToken;
    }

    /** The secret's {@code SecretString}. */
    String secretString(String secretId) {
        URI uri = endpoint.resolve("/secretsmanager/get?secretId=" + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("X-Aws-Parameters-Secrets-Token", sessionToken == null ? "" : sessionToken).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("cannot read secret " + secretId + ": the secrets extension answered HTTP "
                        + response.statusCode());
            }
            JsonNode value = json.readTree(response.body()).get("SecretString");
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new IllegalStateException("secret " + secretId + " has no SecretString");
            }
            return value.asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read secret " + secretId + " from the secrets extension at "
                    + endpoint + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading secret " + secretId, e);
        }
    }
}
