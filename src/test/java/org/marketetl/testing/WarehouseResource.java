package org.marketetl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The warehouse the tests run against, chosen by the system property {@code test.warehouse}:
 * {@code duckdb} (default) is a fresh embedded DuckDB file; {@code fakesnow} starts the fakesnow
 * Snowflake emulator from {@code target/venv} on a free port and points the real snowflake-jdbc
 * driver at it. The Maven build runs the warehouse tests once for each. If fakesnow cannot start,
 * this fails the tests loudly: it never falls back or skips.
 */
public class WarehouseResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROPERTY = "test.warehouse";
    /**
     * {@code json}: fakesnow answers result sets as Snowflake's JSON rowsets (production's path,
     * {@code JDBC_QUERY_RESULT_FORMAT=JSON}); otherwise in Arrow, as fakesnow itself does.
     */
    public static final String RESULTS = "test.fakesnow.results";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private Process fakesnow;

    /** The warehouse of this test run. */
    public static String current() {
        return System.getProperty(PROPERTY, "duckdb");
    }

    @Override
    public Map<String, String> start() {
        return switch (current()) {
            case "duckdb" -> duckdb();
            case "fakesnow" -> fakesnow();
            default -> throw new IllegalStateException("unknown " + PROPERTY + " '" + current()
                    + "'; use duckdb or fakesnow");
        };
    }

    @Override
    public void stop() {
        if (fakesnow != null) {
            fakesnow.destroy();
        }
    }

    private static Map<String, String> duckdb() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "warehouse-");
            return Map.of("quarkus.datasource.duckdb.jdbc.url", "jdbc:duckdb:" + dir.resolve("test.duckdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> fakesnow() {
        Path python = Path.of("target", "venv", "bin", "python").toAbsolutePath();
        Path server = Path.of("src", "test", "tools", "fakesnow_server.py").toAbsolutePath();
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("fakesnow is not installed: " + python + " is missing; the Maven build "
                    + "creates it in generate-test-resources (src/test/tools/install-venv.sh)");
        }
        int port = freePort();
        try {
            // fakesnow keeps its stages (the files our PUTs upload) in a temporary directory it
            // never removes: keep that inside the build's target/, not in the machine's /tmp.
            Path temporary = Files.createDirectories(Path.of("target", "fakesnow-tmp").toAbsolutePath());
            ProcessBuilder command = new ProcessBuilder(python.toString(), server.toString(), String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "fakesnow-" + port + ".log").toFile());
            command.environment().put("TMPDIR", temporary.toString());
            command.environment().put("FAKESNOW_RESULTS", results());
            fakesnow = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fakesnow", e);
        }
        awaitReady(port);
        // disablePlatformDetection: the driver would otherwise probe cloud metadata addresses.
        // maxHttpRetries=1: fakesnow answers unsupported SQL with HTTP 500, which the driver
        // would retry for up to a minute before reporting it.
        String url = "jdbc:snowflake://127.0.0.1:" + port + "/?ssl=off&account=fakesnow&db=MARKET&schema=ETL"
                + "&disablePlatformDetection=true&maxHttpRetries=1";
        return Map.of(
                "market-etl.warehouse.datasource", "snowflake",
                "quarkus.datasource.snowflake.active", "true",
                "quarkus.datasource.snowflake.jdbc.url", url,
                "quarkus.datasource.snowflake.username", "fake",
                "quarkus.datasource.snowflake.password", "fake");
    }

    /** The result format fakesnow answers in: {@code json} or {@code arrow} (its own, the default). */
    public static String results() {
        return System.getProperty(RESULTS, "arrow");
    }

    private void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/session"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build();
        Instant giveUp = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(giveUp)) {
            if (!fakesnow.isAlive()) {
                throw new IllegalStateException("fakesnow exited with " + fakesnow.exitValue()
                        + "; see target/fakesnow-" + port + ".log");
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return; // any answer (it is 401 without credentials) means it is serving
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fakesnow.destroy();
        throw new IllegalStateException("fakesnow did not answer on port " + port + " within " + STARTUP);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
