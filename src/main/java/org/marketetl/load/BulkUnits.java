package org.marketetl.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.marketetl.marketdata.PlanRefusedException;
import org.marketetl.marketdata.Redactor;
import org.marketetl.run.Deadline;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs a step's bulk units (profile parts, statement periods, days): each fetched whole on a worker
 * thread, at most {@code concurrency} at once, and handed to the caller's thread as it completes,
 * where it is staged (JDBC) while the others still download. A unit is all or nothing: only a unit
 * read to its end reaches the sink, so nothing half-read is ever staged. Once the run's deadline is
 * near, units not yet started are not started: they are left for the run's next invocation. Once
 * the plan refuses one (402), no more start, and the caller falls back to per-symbol requests.
 */
final class BulkUnits {

    private BulkUnits() {
    }

    /**
     * @param done    units loaded, in the order they completed
     * @param left    units the deadline kept from starting
     * @param failed  unit -> why it could not be loaded (after the client's retries)
     * @param refused the plan's refusal, if a unit met one; units it kept from starting are neither
     *                done nor left
     */
    record Outcome(List<String> done, List<String> left, Map<String, String> failed, PlanRefusedException refused) {
    }

    /** Receives a loaded unit on the caller's thread; may block (staging). */
    @FunctionalInterface
    interface Sink<T> {
        void accept(String unit, T data) throws SQLException;
    }

    static <T> Outcome run(List<String> units, Deadline deadline, int concurrency, Function<String, T> fetch,
            Sink<T> sink) throws SQLException {
        AtomicReference<PlanRefusedException> refused = new AtomicReference<>();
        Iterable<Result<T>> results = Multi.createFrom().iterable(units)
                .onItem().transformToUni(unit -> Uni.createFrom().deferred(() -> {
                    if (refused.get() != null) {
                        return Uni.createFrom().item(new Result<T>(unit, null, null, Result.REFUSED));
                    }
                    if (!deadline.allowsNewWork()) {
                        return Uni.createFrom().item(new Result<T>(unit, null, null, Result.NOT_STARTED));
                    }
                    return Uni.createFrom().item(() -> new Result<T>(unit, fetch.apply(unit), null, null))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .onFailure().recoverWithItem(failure -> {
                                if (failure instanceof PlanRefusedException refusal) {
                                    refused.compareAndSet(null, refusal);
                                    return new Result<T>(unit, null, null, Result.REFUSED);
                                }
                                return new Result<T>(unit, null, failure, null);
                            });
                }))
                .merge(Math.max(1, concurrency))
                .subscribe().asIterable();
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Result<T> result : results) {
            if (Result.NOT_STARTED.equals(result.skipped())) {
                left.add(result.unit());
            } else if (result.failure() != null) {
                failed.put(result.unit(), Redactor.redact(String.valueOf(result.failure().getMessage())));
            } else if (result.skipped() == null) {
                sink.accept(result.unit(), result.data());
                done.add(result.unit());
            }
        }
        // Units are listed in the order given, so the next invocation goes on where this one stopped.
        left.sort((a, b) -> Integer.compare(units.indexOf(a), units.indexOf(b)));
        return new Outcome(done, left, failed, refused.get());
    }

    private record Result<T>(String unit, T data, Throwable failure, String skipped) {
        static final String NOT_STARTED = "not started";
        static final String REFUSED = "refused";
    }
}
