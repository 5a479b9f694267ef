package org.marketetl.run;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The invocation's time limit, read from the Lambda context. The pipeline starts no new step
 * once less than the reserve is left, so it can finish open merges and write the report.
 */
public final class Deadline {

    private final LongSupplier remainingMillis;
    private final Duration reserve;

    public Deadline(LongSupplier remainingMillis, Duration reserve) {
        this.remainingMillis = remainingMillis;
        this.reserve = reserve;
    }

    /**
     * The deadline the Lambda runtime gave the invocation. A runtime that sends none (Quarkus'
     * mock event server, some local tools) makes the remaining time zero or negative from the
     * start; such an invocation has no deadline rather than an expired one.
     */
    public static Deadline ofInvocation(LongSupplier remainingMillis, Duration reserve) {
        return remainingMillis.getAsLong() <= 0 ? none() : new Deadline(remainingMillis, reserve);
    }

    /** No limit at all, for runs outside Lambda. */
    public static Deadline none() {
        return new Deadline(() -> Long.MAX_VALUE, Duration.ZERO);
    }

    /** Whether there is time to start another step. */
    public boolean allowsNewWork() {
        return remainingMillis.getAsLong() > reserve.toMillis();
    }
}
