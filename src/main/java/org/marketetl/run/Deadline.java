package org.marketetl.run;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The run's time limit: the invocation's, read from the Lambda context, or the operator's
 * {@code market-etl.run.max-duration} if that comes first. Once less than the reserve is left, the
 * pipeline starts no new step and the ETLs start no new symbol, so open merges can finish and the
 * report can be written; what was not started is reported and the next run picks it up.
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

    /**
     * This deadline, or {@code maxDuration} from now if that is earlier; either way with
     * {@code reserve} kept back. Empty {@code maxDuration}: the deadline as it is.
     */
    public Deadline atMost(java.util.Optional<Duration> maxDuration, Duration reserve) {
        if (maxDuration.isEmpty()) {
            return this;
        }
        long end = System.nanoTime() + maxDuration.get().toNanos();
        LongSupplier own = remainingMillis;
        return new Deadline(() -> Math.min(own.getAsLong(), (end - System.nanoTime()) / 1_000_000),
                reserve.compareTo(this.reserve) > 0 ? reserve : this.reserve);
    }

    /** Whether there is time to start more work: a step, or a symbol within one. */
    public boolean allowsNewWork() {
        return remainingMillis.getAsLong() > reserve.toMillis();
    }
}
