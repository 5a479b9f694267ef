package org.marketetl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the AWS Parameters and Secrets Lambda Extension: a real HTTP server on a free
 * loopback port answering {@code GET /secretsmanager/get?secretId=...} with Secrets Manager's JSON
 * ({@code ARN}, {@code Name}, {@code SecretString}), and, as the extension does, refusing a request
 * without the invocation's session token ({@code X-Aws-Parameters-Secrets-Token}, HTTP 401) and an
 * unknown secret (HTTP 400). {@link #environment()} gives the variables Lambda sets for the function.
 */
public final class SecretsExtensionStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String sessionToken;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> tokensSeen = new CopyOnWriteArrayList<>();

    private SecretsExtensionStandIn(String sessionToken) {
        this.sessionToken = sessionToken;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/secretsmanager/get", this::answer);
        server.start();
    }

    /** A running stand-in that accepts only {@code sessionToken}. */
    public static SecretsExtensionStandIn start(String sessionToken) {
        return new SecretsExtensionStandIn(sessionToken);
    }

    /** Stores a secret string under its id (ARN or name). */
    public SecretsExtensionStandIn put(String secretId, String secretString) {
        secrets.put(secretId, secretString);
        return this;
    }

    /** What Lambda puts in the function's environment for the extension. */
    public Map<String, String> environment() {
        return Map.of("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(server.getAddress().getPort()),
                "AWS_SESSION_TOKEN", sessionToken);
    }

    /** The token header of every request so far, in order (null where a request had none). */
    public List<String> tokensSeen() {
        return List.copyOf(tokensSeen);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token");
        tokensSeen.add(token);
        String query = exchange.getRequestURI().getRawQuery();
        String id = query != null && query.startsWith("secretId=")
                ? URLDecoder.decode(query.substring("secretId=".length()), StandardCharsets.UTF_8) : null;
        String secret = id == null ? null : secrets.get(id);
        int status;
        byte[] body;
        if (!sessionToken.equals(token)) {
            status = 401;
            body = "{\"message\":\"missing or wrong X-Aws-Parameters-Secrets-Token\"}".getBytes(StandardCharsets.UTF_8);
        } else if (secret == null) {
            status = 400;
            body = "{\"message\":\"secret not found\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            body = JSON.writeValueAsBytes(Map.of("ARN", id, "Name", id, "SecretString", secret));
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
