package org.marketetl.localrun;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.marketetl.run.ProgressSnapshot;

/**
 * Looks at the run under way as often as the display wants, on a thread of its own, and hands
 * each look to the display. A display that fails says so once and stops; the run goes on.
 */
public final class ProgressWatch implements AutoCloseable {

    private final ScheduledExecutorService looks;

    private ProgressWatch(ScheduledExecutorService looks) {
        this.looks = looks;
    }

    /** Starts watching {@code source} (empty while no run is under way) for {@code display}. */
    public static ProgressWatch start(Supplier<Optional<ProgressSnapshot>> source, ProgressDisplay display,
            PrintStream err) {
        ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "local-run-progress");
            thread.setDaemon(true);
            return thread;
        });
        long every = display.every().toMillis();
        if (every > 0) {
            looks.scheduleWithFixedDelay(() -> {
                try {
                    source.get().ifPresent(display::show);
                } catch (RuntimeException e) {
                    err.println("progress display stopped: " + e);
                    looks.shutdown();
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        return new ProgressWatch(looks);
    }

    /** Stops looking; a look under way finishes first. */
    @Override
    public void close() {
        looks.shutdown();
        try {
            looks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
