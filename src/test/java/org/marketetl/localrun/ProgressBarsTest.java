package org.marketetl.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.marketetl.report.InvocationReport;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.StepProgress;
import org.marketetl.report.StepReport;
import org.marketetl.report.StepStatus;
import org.marketetl.run.ProgressSnapshot;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;

/**
 * The terminal display as far as it can be shown without a terminal: the progressbar library
 * renders each bar into a consumer of ours instead of the console (the only part JLine's terminal
 * adds is moving the cursor to redraw in place). The bars carry the run's own numbers, and the log
 * line says the same in words.
 */
class ProgressBarsTest {

    private static final Instant START = Instant.now().minusSeconds(35);

    @Test
    void drawsABarPerStartedStep_withSymbolsDoneOfTotal_requests_theRateWindow_andTimeLeft() {
        // Arrange
        List<String> drawn = new CopyOnWriteArrayList<>();
        ProgressBars bars = new ProgressBars(() -> new DelegatingProgressBarConsumer(drawn::add, 160));

        // Act
        bars.show(running());

        // Assert
        assertThat(drawn).anySatisfy(line -> assertThat(line).startsWith("price").contains("312/500 symbols")
                .contains("0:01:10").contains("640 requests · window 750/750 calls"));
        assertThat(drawn).anySatisfy(line -> assertThat(line).startsWith("financial").contains("120/500 symbols"));
        assertThat(drawn).as("no bar before its step starts").noneMatch(line -> line.startsWith("ttm"));

        // Act: the run ends
        bars.finished(finished());

        // Assert
        assertThat(drawn).anySatisfy(line -> assertThat(line).startsWith("price").contains("100%")
                .contains("500/500 symbols").contains("SUCCEEDED in 1 min 20 s · 1,000 requests"));
        assertThat(drawn).anySatisfy(line -> assertThat(line).startsWith("ttm").contains("1/1 step")
                .contains("SUCCEEDED in 1.0 s"));
    }

    @Test
    void logLine_saysTheSameInWords() {
        // Act
        String line = ProgressText.line(running());

        // Assert
        assertThat(line).isEqualTo("progress +45 s: company SUCCEEDED in 4.0 s, 500/500 symbols, 500 requests; "
                + "price 312/500 symbols, 640 requests, about 1 min 10 s left; financial 120/500 symbols, 380 requests; "
                + "ttm waiting; rate window 750/750 calls");
    }

    private static ProgressSnapshot running() {
        RunReport run = new RunReport("nightly", "schedule", "incremental", RunStatus.RUNNING, false, 500, START, 45_000,
                List.of(), List.of(step("company", 4_000, 500)), 12, false, null,
                List.of(new InvocationReport(START, 45_000, InvocationReport.RUNNING)),
                List.of(new StepProgress("price", StepProgress.RUNNING, 312, 500, 640, START, 70_000L),
                        new StepProgress("financial", StepProgress.RUNNING, 120, 500, 380, START, null),
                        new StepProgress("ttm", StepProgress.WAITING, 0, 0, 0, null, null)),
                List.of(), null);
        return new ProgressSnapshot(run, 750, 750, Duration.ofMinutes(1));
    }

    private static RunReport finished() {
        return new RunReport("nightly", "schedule", "incremental", RunStatus.SUCCEEDED, false, 500, START, 90_000,
                List.of(), List.of(step("company", 4_000, 500), step("price", 80_000, 1_000),
                        step("financial", 85_000, 1_500), step("ttm", 1_000, 0)),
                40, false, null, List.of());
    }

    private static StepReport step(String id, long ms, long requests) {
        boolean loads = requests > 0;
        return new StepReport(id, StepStatus.SUCCEEDED, START, START.plusMillis(ms), ms, 10, 10, requests, 0, 0,
                List.of(), null, loads ? 500 : 0);
    }
}
