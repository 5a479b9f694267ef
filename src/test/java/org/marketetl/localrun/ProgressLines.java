package org.marketetl.localrun;

import java.io.PrintStream;
import java.time.Duration;

import org.marketetl.report.RunReport;
import org.marketetl.run.ProgressSnapshot;

/**
 * Progress where nothing can be redrawn (a log file, CI): one plain line every few seconds, each
 * complete in itself, so the log reads as the run went.
 */
public final class ProgressLines implements ProgressDisplay {

    private final PrintStream out;
    private final Duration every;

    public ProgressLines(PrintStream out, Duration every) {
        this.out = out;
        this.every = every;
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void show(ProgressSnapshot snapshot) {
        out.println(ProgressText.line(snapshot));
    }

    @Override
    public void finished(RunReport report) {
        // The report's own summary lines follow; nothing to add.
    }

    @Override
    public void close() {
        out.flush();
    }
}
