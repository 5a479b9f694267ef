package org.marketetl.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * moto's server (PyPI, in target/venv) on a free port, executing state machines with its Amazon
 * States Language interpreter; the Lambda tasks of those go to the emulators named in
 * {@code functions} (function ARN -> the emulator's invocations URL), see
 * {@code src/test/tools/moto_server.py}.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start(Map<String, URI> functions, Path log) throws IOException, InterruptedException {
        Path python = Path.of("target", "venv", "bin", "python").toAbsolutePath();
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("moto is not installed: " + python + " is missing; the Maven build creates "
                    + "it in generate-test-resources (src/test/tools/install-venv.sh)");
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> urls = new java.util.HashMap<>();
        functions.forEach((arn, url) -> urls.put(arn, url.toString()));
        ProcessBuilder command = new ProcessBuilder(python.toString(),
                Path.of("src", "test", "tools", "moto_server.py").toAbsolutePath().toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("FUNCTIONS", new ObjectMapper().writeValueAsString(urls));
        MotoServer moto = new MotoServer(command.start(), URI.create("http://127.0.0.1:" + port));
        moto.awaitReady(log);
        return moto;
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady(Path log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant giveUp = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("moto did not answer on " + endpoint + " within " + STARTUP + "; see " + log);
    }

    /** A Step Functions client on this server (credentials are not checked by moto). */
    public software.amazon.awssdk.services.sfn.SfnClient stepFunctions() {
        return software.amazon.awssdk.services.sfn.SfnClient.builder().endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
