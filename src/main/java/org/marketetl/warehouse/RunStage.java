package org.marketetl.warehouse;

import java.io.IOException;
import java.nio.file.Path;

import io.quarkus.logging.Log;

/**
 * The stage files of the run that holds the warehouse's run lock, in a directory of their own
 * ({@link Warehouse#stageFilesOf}); closing it, when the run ends however it ends, deletes the
 * directory with whatever a failed load left in it.
 */
public final class RunStage implements AutoCloseable {

    private final Path directory;
    private final Runnable onClose;

    RunStage(Path directory, Runnable onClose) {
        this.directory = directory;
        this.onClose = onClose;
    }

    /** Where this run's stage files are written. */
    public Path directory() {
        return directory;
    }

    /**
     * Deletes the run's directory. A failure is logged, not thrown: it costs disk space, not data,
     * and the next run on this warehouse removes the directory as a dead run's.
     */
    @Override
    public void close() {
        onClose.run();
        try {
            StageDirectory.remove(directory);
        } catch (IOException | RuntimeException e) {
            Log.warnf("could not remove the stage directory %s (the next run here removes it): %s", directory,
                    e.getMessage());
        }
    }
}
