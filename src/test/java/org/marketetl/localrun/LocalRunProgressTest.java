package org.marketetl.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketetl.LocalLambdaContext;
import org.marketetl.LocalRun;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.testing.WatchedRunProfile;

import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The local run as a log file or CI sees it (no terminal): progress lines while the run goes on,
 * from the running pipeline's own counters, then the report, then the path of the run's timeline
 * page, which is there. The function is invoked through the Lambda runtime's stream entry, as
 * {@code QuarkusStreamHandler} calls it, with the simulator answering slowly.
 */
@QuarkusTest
@TestProfile(WatchedRunProfile.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class LocalRunProgressTest {

    private static final List<String> SYMBOLS = List.of("LRA", "LRB", "LRC", "LRD", "LRE", "LRF");

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;

    @BeforeEach
    void slowSimulator() {
        scan = SecretScan.start();
        new FaultRuns(scan).forget(SYMBOLS);
        simulator.setLatency(Duration.ofMillis(250));
    }

    @AfterEach
    void noLatency() {
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void withoutATerminal_writesProgressLinesAsTheRunGoes_thenTheReport_andWhereItsTimelineIs(@TempDir Path timelines)
            throws Exception {
        // Arrange
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String request = "{\"runId\":\"local-progress-1\",\"mode\":\"backfill\",\"symbols\":[\""
                + String.join("\",\"", SYMBOLS) + "\"]}";

        // Act
        int exitCode = LocalRun.run(request, (in, answer) -> AmazonLambdaRecorder.handle(in, answer,
                new LocalLambdaContext(Duration.ofMinutes(5))), print(out), print(err),
                new ProgressLines(print(err), Duration.ofMillis(200)), Optional.of(timelines));

        // Assert
        String printed = out.toString(StandardCharsets.UTF_8);
        String progress = err.toString(StandardCharsets.UTF_8);
        scan.add(printed);
        scan.add(progress);
        assertThat(exitCode).as(progress).isZero();
        List<String> lines = progress.lines().filter(line -> line.startsWith("progress +")).toList();
        assertThat(lines).as(progress).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).as("a load part-way, in the run's own numbers")
                .anySatisfy(line -> assertThat(line).containsPattern("(company|price|financial) [1-5]/6 symbols, "
                        + "[0-9,]+ requests").contains("rate window "));
        assertThat(printed).contains("\"runId\" : \"local-progress-1\"")
                .contains("run local-progress-1 SUCCEEDED");
        Path page = timelines.resolve("timeline-local-progress-1.html").toAbsolutePath();
        assertThat(printed.lines().reduce((first, second) -> second)).contains("timeline: " + page);
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("Run local-progress-1")
                .contains("data-step=\"price\"");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
