package org.marketetl.localrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.marketetl.report.RunReport;
import org.marketetl.report.Step;
import org.marketetl.report.StepProgress;
import org.marketetl.report.StepReport;
import org.marketetl.run.ProgressSnapshot;

/** The words of the progress display: per step, per run, for bars and lines alike. */
final class ProgressText {

    private ProgressText() {
    }

    /**
     * One line for a log: {@code progress +35 s: company SUCCEEDED 20/20 symbols; price 312/500
     * symbols, 640 requests, about 1 min 10 s left; ttm waiting; rate window 750/750 calls}.
     */
    static String line(ProgressSnapshot snapshot) {
        RunReport run = snapshot.run();
        List<String> parts = new ArrayList<>();
        for (Step step : Step.values()) {
            run.steps().stream().filter(s -> s.step().equals(step.id())).findFirst()
                    .ifPresent(done -> parts.add(step.id() + " " + finished(done, run.symbols())));
            run.progress().stream().filter(p -> p.step().equals(step.id())).findFirst()
                    .ifPresent(going -> parts.add(step.id() + " " + going(going)));
        }
        parts.add("rate " + window(snapshot));
        return "progress +" + duration(run.totalMs()) + ": " + String.join("; ", parts);
    }

    /** {@code SUCCEEDED in 2.3 s, 20/20 symbols, 40 requests}. */
    static String finished(StepReport step, int symbols) {
        String text = step.status() + (step.startedAt() == null ? "" : " in " + duration(step.ms()));
        if (Step.fromId(step.step()).phase() == Step.Phase.INDEPENDENT && step.startedAt() != null) {
            text += ", " + step.symbolsDone() + "/" + symbols + " symbols, " + count(step.apiRequests()) + " requests";
        }
        return step.error() == null ? text : text + " (" + step.error() + ")";
    }

    /** {@code 312/500 symbols, 640 requests, about 1 min 10 s left}, or {@code waiting}. */
    static String going(StepProgress step) {
        if (StepProgress.WAITING.equals(step.state())) {
            return "waiting";
        }
        String text = step.symbols() > 0 ? step.symbolsDone() + "/" + step.symbols() + " symbols, " : "running, ";
        text += count(step.apiRequests()) + " requests";
        return step.msLeft() == null ? text : text + ", about " + duration(step.msLeft()) + " left";
    }

    /** {@code window 750/750 calls}, or {@code window 12 calls} without a limit. */
    static String window(ProgressSnapshot snapshot) {
        return "window " + count(snapshot.callsInWindow())
                + (snapshot.callsPerWindow() > 0 ? "/" + count(snapshot.callsPerWindow()) : "") + " calls";
    }

    static String duration(long ms) {
        long seconds = Math.round(ms / 1000.0);
        if (seconds < 60) {
            return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : seconds + " s";
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
