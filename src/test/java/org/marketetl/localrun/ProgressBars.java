package org.marketetl.localrun;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.marketetl.report.RunReport;
import org.marketetl.report.Step;
import org.marketetl.report.StepProgress;
import org.marketetl.report.StepReport;
import org.marketetl.run.ProgressSnapshot;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress on a terminal: one bar per step, drawn and redrawn in place by the progressbar library
 * (which asks JLine what the terminal can do): symbols done of total, the step's requests and the
 * rate window's fill, the time left when the run can tell it. A bar appears when its step starts.
 */
public final class ProgressBars implements ProgressDisplay {

    private final Supplier<ProgressBarConsumer> consumers;
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
    /** Each running step's estimate, read by the library's ETA function. */
    private final Map<String, Duration> left = new ConcurrentHashMap<>();

    /** Bars on this process's terminal (standard error). */
    public ProgressBars() {
        this(null);
    }

    /** Bars drawn into what {@code consumers} make, one per bar (the library's console when null). */
    public ProgressBars(Supplier<ProgressBarConsumer> consumers) {
        this.consumers = consumers;
    }

    @Override
    public Duration every() {
        return Duration.ofMillis(250);
    }

    @Override
    public synchronized void show(ProgressSnapshot snapshot) {
        RunReport run = snapshot.run();
        String window = ProgressText.window(snapshot);
        for (Step step : Step.values()) {
            run.steps().stream().filter(s -> s.step().equals(step.id())).findFirst()
                    .ifPresent(done -> finished(done, run.symbols()));
            run.progress().stream().filter(p -> p.step().equals(step.id()) && p.startedAt() != null).findFirst()
                    .ifPresent(going -> {
                        ProgressBar bar = bar(step, going.symbols(), going.startedAt());
                        bar.stepTo(going.symbols() > 0 ? going.symbolsDone() : 0);
                        if (going.msLeft() == null) {
                            left.remove(step.id());
                        } else {
                            left.put(step.id(), Duration.ofMillis(going.msLeft()));
                        }
                        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "%,d requests · %s",
                                going.apiRequests(), window));
                        bar.refresh();
                    });
        }
    }

    @Override
    public synchronized void finished(RunReport report) {
        report.steps().forEach(step -> finished(step, report.symbols()));
        close();
    }

    private void finished(StepReport step, int symbols) {
        Step which = Step.fromId(step.step());
        boolean loads = which.phase() == Step.Phase.INDEPENDENT;
        ProgressBar bar = bar(which, loads ? symbols : 0, step.startedAt());
        bar.stepTo(loads ? step.symbolsDone() : 1);
        left.put(step.step(), Duration.ZERO);
        String status = step.status() + (step.startedAt() == null ? "" : " in " + ProgressText.duration(step.ms()));
        bar.setExtraMessage(loads ? String.format(java.util.Locale.ROOT, "%s · %,d requests", status,
                step.apiRequests()) : status);
        bar.pause(); // its clock stops with the step
        bar.refresh();
    }

    /** The step's bar, made when first needed: symbols for a load, one step for a warehouse-only step. */
    private ProgressBar bar(Step step, long symbols, Instant startedAt) {
        return bars.computeIfAbsent(step.id(), id -> {
            boolean loads = symbols > 0;
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(String.format("%-9s", id))
                    .setInitialMax(loads ? symbols : 1).setUnit(loads ? " symbols" : " step", 1)
                    .setUpdateIntervalMillis(250).continuousUpdate()
                    .setEtaFunction(state -> Optional.ofNullable(left.get(id)));
            if (startedAt != null) {
                Duration elapsed = Duration.between(startedAt, Instant.now());
                builder.startsFrom(0, elapsed.isNegative() ? Duration.ZERO : elapsed);
            }
            if (consumers != null) {
                builder.setConsumer(consumers.get());
            }
            return builder.build();
        });
    }

    @Override
    public synchronized void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
