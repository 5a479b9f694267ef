package org.marketetl.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a run covers by default and how it is bounded. */
@ConfigMapping(prefix = "market-etl.run")
public interface RunConfig {

    /** The symbols a run loads when the request names none. */
    List<String> universe();

    /** Largest universe a single request may name; protects the API plan and the Lambda's time. */
    @WithDefault("5000")
    int maxSymbols();

    /** Years of price history a backfill (or the first load of a symbol) fetches. */
    @WithDefault("5")
    int historyYears();

    /**
     * The business date runs load up to. Empty (the default) means today in UTC; set it to pin a
     * re-run of a past day, or a test.
     */
    Optional<LocalDate> asOf();

    /**
     * Write per-step CloudWatch Embedded Metric Format lines to stdout after each run. On in
     * Lambda; off for the local run, whose stdout is the report.
     */
    @WithDefault("true")
    boolean emitMetrics();

    /**
     * Time kept in reserve before the invocation's deadline: no new step or symbol starts once less
     * than this remains, so open merges can finish and the report can be written. 90 s because a
     * symbol started just before it may still wait for the plan's rate window (up to 61 s, see
     * market-etl.market-data.rate-window) before its request goes out; the state machine continues
     * the run in a new invocation, so stopping early costs only the time of one more invocation.
     */
    @WithDefault("PT90S")
    Duration deadlineReserve();

    /**
     * The longest a run may take, whatever time the invocation has (none by default: the
     * invocation's deadline alone). The effective deadline is the earlier of the two, with the
     * same reserve; a run cut short reports PARTIAL and the next run resumes. Set it to keep runs
     * inside a window, e.g. before a downstream job reads the tables.
     */
    Optional<Duration> maxDuration();

    /** The run lock in the ledger: never two runs writing at once. */
    Lock lock();

    /** How a run waits for the run lock and how long a holder may keep it. */
    interface Lock {

        /**
         * How long a run waits for another run to release the lock before it is refused. Short:
         * with reserved concurrency 1 a second run is an overlap (a manual call during a
         * scheduled run), and its caller is better told than kept waiting.
         */
        @WithDefault("PT30S")
        Duration waitFor();

        /**
         * How long a lock lasts unless its holder renews it. A holder that died (killed, timed
         * out, out of memory) never releases its lock; once this has passed another run may take
         * it over. Keep it several times {@link #renewEvery()}, so a live run never loses its lock
         * to a slow renewal.
         */
        @WithDefault("PT2M")
        Duration expiry();

        /** How often a running run renews its lock (and records its progress in the ledger). */
        @WithDefault("PT30S")
        Duration renewEvery();
    }
}
