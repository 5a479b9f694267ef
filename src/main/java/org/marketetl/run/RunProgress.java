package org.marketetl.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.FmpPlan;
import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.RateLimiter;
import org.marketetl.report.RequestWindow;
import org.marketetl.report.RunReport;
import org.marketetl.report.Step;
import org.marketetl.report.StepProgress;
import org.marketetl.report.StepReport;

/**
 * How far the run under way has got, symbol by symbol: the progress API. The pipeline tracks each
 * invocation ({@link Tracking}); the step timer gives each step its {@link LiveStep}; the
 * extraction counts symbols into the step of its thread ({@link #stepOfThisThread()}); the
 * requests are counted per rate window. Read by the ledger's RUNNING records and, through
 * {@link #snapshot()}, by whatever shows a run to a person (the local run's progress display).
 * Knows nothing of terminals or Lambda.
 */
@ApplicationScoped
public class RunProgress {

    private final RateLimiter limiter;
    private final int limit;
    private final Duration window;
    /** The step a thread works for: set around a step's work, which runs on one thread (its ETL's). */
    private final ThreadLocal<LiveStep> stepOfThread = new ThreadLocal<>();
    private final AtomicReference<Tracking> shown = new AtomicReference<>();

    public RunProgress(RateLimiter limiter, MarketDataConfig config) {
        this.limiter = limiter;
        this.limit = Math.max(0, FmpPlan.callsPerMinute(config));
        this.window = config.rateWindow();
    }

    /** The run under way in this process, as its RUNNING record would show it now; empty between runs. */
    public Optional<ProgressSnapshot> snapshot() {
        Tracking tracking = shown.get();
        if (tracking == null) {
            return Optional.empty();
        }
        return Optional.of(new ProgressSnapshot(tracking.report.get(), callsInWindow(), limit, window));
    }

    /**
     * The counters of the step the calling thread works for; counters nobody reads when the thread
     * works for none (an ETL called outside a run, as some tests do).
     */
    public LiveStep stepOfThisThread() {
        LiveStep step = stepOfThread.get();
        return step == null ? LiveStep.NONE : step;
    }

    /** Tracks one invocation of a run; {@code report} builds its RUNNING report. */
    Tracking track(Supplier<RunReport> report) {
        return new Tracking(report);
    }

    private int callsInWindow() {
        return limiter.recentCalls().count();
    }

    /** One invocation's steps and requests, while it works. */
    final class Tracking implements AutoCloseable {

        private final Supplier<RunReport> report;
        private final Map<Step, LiveStep> steps = new ConcurrentHashMap<>();
        private final RequestCounts requests = new RequestCounts(Instant.now(), System.nanoTime(), window.toNanos(),
                limit);

        private Tracking(Supplier<RunReport> report) {
            this.report = report;
        }

        /** From now on {@link #snapshot()} shows this invocation. */
        Tracking publish() {
            shown.set(this);
            return this;
        }

        /** The invocation has ended: {@link #snapshot()} shows nothing more of it. */
        @Override
        public void close() {
            shown.compareAndSet(this, null);
        }

        /** A counter of a step's market-data traffic that also counts each request into its rate window. */
        ApiCallCounter callCounter() {
            return new ApiCallCounter(() -> requests.sent(System.nanoTime()));
        }

        /** {@code step} begins on this thread, with {@code symbols} to do (0 for a warehouse-only step). */
        LiveStep started(Step step, int symbols, ApiCallCounter calls) {
            LiveStep live = new LiveStep(step, symbols, calls);
            steps.put(step, live);
            stepOfThread.set(live);
            return live;
        }

        /** The step's work on this thread has ended (its report follows). */
        void ended() {
            stepOfThread.remove();
        }

        /**
         * A step not finished yet in this invocation, as the run's RUNNING record shows it: its
         * counts so far, the earlier invocations' ({@code before}, may be null) included.
         *
         * @param runSymbols the run's symbols for the step, 0 for a warehouse-only step
         */
        StepProgress progress(Step step, StepReport before, int runSymbols) {
            long doneBefore = before == null ? 0 : before.symbolsDone();
            long requestsBefore = before == null ? 0 : before.apiRequests();
            Instant startedBefore = before == null ? null : before.startedAt();
            LiveStep live = steps.get(step);
            if (live == null) {
                return new StepProgress(step.id(), StepProgress.WAITING, doneBefore, runSymbols, requestsBefore,
                        startedBefore, null);
            }
            return new StepProgress(step.id(), StepProgress.RUNNING, doneBefore + live.symbolsDone(), runSymbols,
                    requestsBefore + live.requests(), startedBefore != null ? startedBefore : live.startedAt(),
                    live.msLeft(System.nanoTime(), callsInWindow(), limit, window.toMillis()));
        }

        /** This invocation's requests per rate window so far. */
        List<RequestWindow> requestWindows() {
            return requests.windows(System.nanoTime());
        }
    }
}
