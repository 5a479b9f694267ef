package org.marketetl.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.Redactor;
import org.marketetl.run.Deadline;
import org.marketetl.run.LiveStep;
import org.marketetl.run.RunProgress;
import org.marketetl.report.SymbolFailure;

import io.quarkus.logging.Log;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Fetches many symbols at once, non-blocking, at most {@code maxConcurrency} in flight, and hands
 * the results to the caller in chunks as they arrive, so staging (writing the stage file) overlaps
 * with fetching and the whole universe's rows are never held at once. A symbol that fails becomes a
 * {@link SymbolFailure}; it never fails the step. Once the run's {@link Deadline} is near, symbols
 * not yet started are not started: each is a failure "deadline: not started", while those in
 * flight finish and are handed over, so the caller still merges what it has.
 */
@ApplicationScoped
public class SymbolExtraction {

    /**
     * Results handed over at a time. Grouping by count only keeps the stream demand-driven: a
     * timed group emits on its clock whether or not the (JDBC-bound) consumer asked, and
     * overflowed when staging fell behind (seen in the 500-symbol benchmark). Small, so staging
     * starts early and overlaps the fetching, and few symbols' rows are in memory at once.
     */
    private static final int CHUNK = 10;
    /** The reason recorded for a symbol the deadline kept from starting; the next run picks it up. */
    public static final String NOT_STARTED = SymbolFailure.NOT_STARTED;

    private final MarketDataConfig config;
    private final RunProgress progress;

    public SymbolExtraction(MarketDataConfig config, RunProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Fetches every symbol with {@code fetch} and passes results to {@code sink} chunk by chunk, on
     * the calling thread (which may block on JDBC). Answers the rows extracted ({@code rowCount}
     * of each result) and the failures.
     */
    public <T> Result extract(List<String> symbols, Deadline deadline, Function<String, Uni<T>> fetch,
            ToIntFunction<T> rowCount, ChunkSink<T> sink) throws SQLException {
        List<SymbolFailure> failures = new ArrayList<>();
        long rows = 0;
        // The step's symbols done, counted as each fetch ends (not per chunk): the run's progress.
        LiveStep step = progress.stepOfThisThread();
        step.fetching(symbols.size());
        Iterable<List<Fetched<T>>> chunks = Multi.createFrom().iterable(symbols)
                .onItem().transformToUni(symbol -> fetchOne(symbol, deadline, fetch)).merge(config.maxConcurrency())
                .onItem().invoke(one -> {
                    if (NOT_STARTED.equals(one.failure())) {
                        step.symbolNotStarted();
                    } else {
                        step.symbolDone();
                    }
                })
                .group().intoLists().of(CHUNK)
                .subscribe().asIterable();
        for (List<Fetched<T>> chunk : chunks) {
            List<T> fetched = new ArrayList<>();
            for (Fetched<T> one : chunk) {
                if (one.failure() != null) {
                    failures.add(new SymbolFailure(one.symbol(), one.failure()));
                } else {
                    fetched.add(one.data());
                    rows += rowCount.applyAsInt(one.data());
                }
            }
            sink.accept(fetched);
        }
        long notStarted = failures.stream().filter(f -> NOT_STARTED.equals(f.reason())).count();
        if (notStarted > 0) {
            Log.warnf("deadline near: %d of %d symbols not started; the next run picks them up", notStarted,
                    symbols.size());
        }
        return new Result(rows, failures);
    }

    /** Deferred, so the deadline is checked when the symbol's turn comes, not when the stream is built. */
    private static <T> Uni<Fetched<T>> fetchOne(String symbol, Deadline deadline, Function<String, Uni<T>> fetch) {
        return Uni.createFrom().deferred(() -> deadline.allowsNewWork() ? fetch.apply(symbol)
                : Uni.createFrom().failure(new DeadlineReached()))
                .map(data -> new Fetched<>(symbol, data, null))
                .onFailure().recoverWithItem(failure -> new Fetched<T>(symbol, null, reason(failure)));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof DeadlineReached) {
            return NOT_STARTED;
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return Redactor.redact(message);
    }

    /** A symbol whose turn came too close to the deadline. */
    private static final class DeadlineReached extends RuntimeException {
        DeadlineReached() {
            super(NOT_STARTED, null, false, false);
        }
    }

    /** Receives what a chunk of symbols gave; may block. */
    @FunctionalInterface
    public interface ChunkSink<T> {
        void accept(List<T> fetched) throws SQLException;
    }

    /** One symbol's data, or why there is none (already free of secrets). */
    private record Fetched<T>(String symbol, T data, String failure) {
    }

    /**
     * @param rows     rows extracted, over all symbols
     * @param failures symbols that failed, with reasons
     */
    public record Result(long rows, List<SymbolFailure> failures) {

        /** The symbols of {@code attempted} that did not fail. */
        public List<String> succeeded(List<String> attempted) {
            java.util.Set<String> failed = failures.stream().map(SymbolFailure::symbol)
                    .collect(java.util.stream.Collectors.toSet());
            return attempted.stream().filter(symbol -> !failed.contains(symbol)).toList();
        }
    }
}
