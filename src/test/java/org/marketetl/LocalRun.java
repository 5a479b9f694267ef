package org.marketetl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.marketetl.run.RunReport;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The main job on a laptop: starts the bundled FMP simulator, then invokes the packaged function
 * through {@link QuarkusStreamHandler}, exactly as the Lambda java runtime does, with a run
 * request (argument 1, JSON; default {@code {}}: the configured universe, incremental) against
 * the embedded DuckDB warehouse in {@code target/local-run/}. Prints the report as JSON, then one
 * summary line per step. Run it with {@code ./mvnw -Plocal-run package} (see README).
 */
public final class LocalRun {

    /** Latency like FMP's from a nearby region; the rate limit of the Premium plan. */
    private static final Duration LATENCY = Duration.ofMillis(40);
    private static final int CALLS_PER_MINUTE = 750;

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        String request = args.length > 0 && !args[0].isBlank() ? args[0] : "{}";
        Path warehouse = Path.of("target", "local-run", "market-etl.duckdb");
        Files.createDirectories(warehouse.getParent());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SimulatorConfig simulatorConfig = SimulatorConfig.builder().asOf(today).latency(LATENCY)
                .rateLimitPerMinute(CALLS_PER_MINUTE).acceptAnySymbol(true).build();
        int exitCode;
        try (FmpSimulator simulator = FmpSimulator.start(simulatorConfig)) {
            System.setProperty("quarkus.profile", "local");
            System.setProperty("quarkus.rest-client.fmp.url", simulator.baseUrl());
            System.setProperty("market-etl.market-data.api-key", simulator.apiKey());
            System.setProperty("market-etl.market-data.calls-per-minute", String.valueOf(CALLS_PER_MINUTE));
            System.setProperty("quarkus.datasource.duckdb.jdbc.url", "jdbc:duckdb:" + warehouse);
            exitCode = invoke(request);
        }
        System.exit(exitCode);
    }

    private static int invoke(String request) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new QuarkusStreamHandler().handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                answer, new LocalLambdaContext(Duration.ofMinutes(15)));
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String text = answer.toString(StandardCharsets.UTF_8);
        RunReport report;
        try {
            report = json.readValue(text, RunReport.class);
        } catch (Exception notAReport) {
            System.err.println("the function did not answer with a run report: " + text);
            return 1;
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text)));
        report.summaryLines().forEach(System.out::println);
        return report.status() == org.marketetl.run.RunStatus.FAILED ? 1 : 0;
    }
}
