package org.marketetl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.bookkeeping.RunLockedException;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.warehouse.WarehouseInUseException;
import org.marketetl.warehouse.WarehouseUnavailableException;

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
 *
 * <p>Exit codes: 0 the run ended SUCCEEDED or PARTIAL; 1 it FAILED, or could not start (one line
 * when another run holds the warehouse or its lock, or the warehouse gave no connection in time; a
 * stack trace when the failure is ours); 2 the request was
 * refused (one line saying what is wrong, nothing run).
 */
public final class LocalRun {

    /** Exit code of a refused request: bad input, not a failure of the function. */
    public static final int REFUSED = 2;

    /** Latency like FMP's from a nearby region; the rate limit of the Premium plan. */
    private static final Duration LATENCY = Duration.ofMillis(40);
    private static final int CALLS_PER_MINUTE = 750;
    private static final String UNSUPPORTED_EVENT = "org.marketetl.lambda.UnsupportedEventException";

    private LocalRun() {
    }

    /** The function as this run calls it: request bytes in, answer bytes out. */
    @FunctionalInterface
    public interface Function {
        void invoke(InputStream request, OutputStream answer) throws Exception;
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
            exitCode = run(request, (in, out) -> new QuarkusStreamHandler().handleRequest(in, out,
                    new LocalLambdaContext(Duration.ofMinutes(15))), System.out, System.err);
        }
        System.exit(exitCode);
    }

    /**
     * Invokes {@code function} with {@code request}; prints the report to {@code out}, or one line
     * saying why nothing ran to {@code err}; answers the exit code.
     */
    public static int run(String request, Function function, PrintStream out, PrintStream err) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            function.invoke(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), answer);
        } catch (Throwable e) {
            return failed(e, err);
        }
        return report(answer.toString(StandardCharsets.UTF_8), out, err);
    }

    private static int failed(Throwable e, PrintStream err) {
        if (e instanceof InvalidRunRequestException || UNSUPPORTED_EVENT.equals(e.getClass().getName())) {
            err.println("request refused: " + e.getMessage());
            return REFUSED;
        }
        Optional<Throwable> busy = cause(e, WarehouseInUseException.class).or(() -> cause(e, RunLockedException.class))
                .or(() -> cause(e, WarehouseUnavailableException.class));
        if (busy.isPresent()) {
            err.println("run not started: " + busy.get().getMessage());
            return 1;
        }
        err.println("the run failed:");
        e.printStackTrace(err);
        return 1;
    }

    private static Optional<Throwable> cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static int report(String text, PrintStream out, PrintStream err) {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        RunReport report;
        try {
            report = json.readValue(text, RunReport.class);
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text)));
        } catch (IOException notAReport) {
            err.println("the function did not answer with a run report: " + text);
            return 1;
        }
        report.summaryLines().forEach(out::println);
        return report.status() == RunStatus.FAILED ? 1 : 0;
    }
}
