package org.marketetl.bookkeeping;

/** Another run holds the run lock; this one was not started. The message names the holder. */
public class RunLockedException extends RuntimeException {

    public RunLockedException(String message) {
        super(message);
    }
}
