package org.marketetl.localrun;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;

import org.marketetl.report.RunReport;
import org.marketetl.run.ProgressSnapshot;

/**
 * Shows a person the run under way: {@link ProgressBars} on a terminal, {@link ProgressLines}
 * (a line every few seconds) in a log file or CI. Fed by a {@link ProgressWatch}.
 */
public interface ProgressDisplay extends AutoCloseable {

    /** How often it wants a new look at the run. */
    Duration every();

    /** One look at the run under way. */
    void show(ProgressSnapshot snapshot);

    /** The run has ended with {@code report}: the last look. */
    void finished(RunReport report);

    /** Leaves the screen (or log) clean for what is printed next. */
    @Override
    void close();

    /** Bars on a terminal, else a line every {@code lineEvery} on {@code err}. */
    static ProgressDisplay forConsole(PrintStream err, Duration lineEvery) {
        return onTerminal() ? new ProgressBars() : new ProgressLines(err, lineEvery);
    }

    /** Shows nothing. */
    static ProgressDisplay none() {
        return new ProgressDisplay() {
            @Override
            public Duration every() {
                return Duration.ZERO;
            }

            @Override
            public void show(ProgressSnapshot snapshot) {
            }

            @Override
            public void finished(RunReport report) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Whether this process writes to a terminal that can draw: a console (none when output goes
     * to a file or a pipe, as in CI), not {@code TERM=dumb}. From Java 22 on a console exists
     * without a terminal too, and says so through {@code isTerminal()} (looked up, since this
     * compiles for 17).
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
