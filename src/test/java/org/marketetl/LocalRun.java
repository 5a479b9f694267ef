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

import org.marketetl.localrun.ProgressDisplay;
import org.marketetl.localrun.ProgressWatch;
import org.marketetl.report.TimelinePage;
import org.marketetl.run.InvalidRunRequestException;
import org.marketetl.run.ProgressSnapshot;
import org.marketetl.run.RunProgress;
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
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * The main job on a laptop: starts the bundled FMP simulator, then invokes the packaged function
 * through {@link QuarkusStreamHandler}, exactly as the Lambda java runtime does, with a run
 * request (argument 1, JSON; default {@code {}}: the configured universe, incremental) against
 * the embedded DuckDB warehouse in {@code target/local-run/}. While the run goes on it shows its
 * progress on standard error (bars on a terminal, a line every few seconds elsewhere). Prints the
 * report as JSON, then one summary line per step, and writes the run's timeline page beside the
 * warehouse file ({@code target/local-run/timeline-<run id>.html}), printing its path. Run it with
 * {@code ./mvnw -Plocal-run package} (see README).
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
    /** How often a progress line is written where no bars can be drawn (a log file, CI). */
    private static final Duration PROGRESS_LINE_EVERY = Duration.ofSeconds(5);

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
            // Made (and so Quarkus started, as the Lambda runtime starts it) before the run: the
            // progress display reads the run's beans, which cannot be made while Quarkus starts.
            QuarkusStreamHandler function = new QuarkusStreamHandler();
            exitCode = run(request, (in, out) -> function.handleRequest(in, out,
                    new LocalLambdaContext(Duration.ofMinutes(15))), System.out, System.err,
                    ProgressDisplay.forConsole(System.err, PROGRESS_LINE_EVERY), Optional.of(warehouse.getParent()));
        }
        System.exit(exitCode);
    }

    /**
     * Invokes {@code function} with {@code request}; prints the report to {@code out}, or one line
     * saying why nothing ran to {@code err}; answers the exit code.
     */
    public static int run(String request, Function function, PrintStream out, PrintStream err) {
        return run(request, function, out, err, ProgressDisplay.none(), Optional.empty());
    }

    /**
     * As above, showing the run's progress on {@code display} meanwhile, and writing its timeline
     * page into {@code timelines} (when given).
     */
    public static int run(String request, Function function, PrintStream out, PrintStream err,
            ProgressDisplay display, Optional<Path> timelines) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (ProgressWatch watch = ProgressWatch.start(LocalRun::runUnderWay, display, err)) {
            function.invoke(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), answer);
        } catch (Throwable e) {
            display.close();
            return failed(e, err);
        }
        return report(answer.toString(StandardCharsets.UTF_8), out, err, display, timelines);
    }

    /** The function's run under way, if Quarkus is up in this process and a run is. */
    private static Optional<ProgressSnapshot> runUnderWay() {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return Optional.empty();
        }
        return container.instance(RunProgress.class).get().snapshot();
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

    private static int report(String text, PrintStream out, PrintStream err, ProgressDisplay display,
            Optional<Path> timelines) {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        RunReport report;
        try {
            report = json.readValue(text, RunReport.class);
            display.finished(report);
            display.close();
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text)));
        } catch (IOException notAReport) {
            display.close();
            err.println("the function did not answer with a run report: " + text);
            return 1;
        }
        report.summaryLines().forEach(out::println);
        if (timelines.isPresent()) {
            writeTimeline(report, timelines.get(), out, err);
        }
        return report.status() == RunStatus.FAILED ? 1 : 0;
    }

    /** The run's timeline page beside the warehouse file; its path on the last line. */
    private static void writeTimeline(RunReport report, Path directory, PrintStream out, PrintStream err) {
        // Run ids may hold ':' (not in a Windows file name); nothing else of theirs can leave the directory.
        Path page = directory.resolve("timeline-" + report.runId().replace(':', '_') + ".html").toAbsolutePath();
        try {
            Files.writeString(page, TimelinePage.render(report));
            out.println("timeline: " + page);
        } catch (IOException e) {
            err.println("could not write the timeline page " + page + ": " + e.getMessage());
        }
    }
}
