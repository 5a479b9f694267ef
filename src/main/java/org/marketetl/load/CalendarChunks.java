package org.marketetl.load;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.marketetl.marketdata.Redactor;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One of FMP's whole-market calendars ({@code splits-calendar}, {@code dividends-calendar}) read
 * over a long range in chunks of a configured number of days (FMP does not document the calendars'
 * range limits), a few chunks at once, kept to the wanted symbols: for a first load of many
 * symbols, dozens of requests instead of one per symbol. All or nothing: if a chunk cannot be read,
 * none is used.
 */
final class CalendarChunks {

    private static final int CONCURRENCY = 8;

    private CalendarChunks() {
    }

    /** The chunks from {@code from} to {@code to}, each {@code days} days long. */
    static int chunks(LocalDate from, LocalDate to, int days) {
        long span = ChronoUnit.DAYS.between(from, to) + 1;
        return (int) Math.max(1, (span + days - 1) / days);
    }

    /**
     * What the chunks listed of the wanted symbols, by symbol; or, if a chunk could not be read,
     * nothing and why.
     */
    record Listed<T>(Map<String, List<T>> bySymbol, String failure) {
    }

    /**
     * The entries of {@code calendar} from {@code from} to {@code to} of the {@code wanted} symbols;
     * {@code chunk} asks one range, {@code symbol} and {@code date} read an entry. A chunk that cannot
     * be read (after the client's retries) fails them all: the failure is logged and answered.
     */
    static <T> Listed<T> read(String calendar, LocalDate from, LocalDate to, int days, Set<String> wanted,
            BiFunction<LocalDate, LocalDate, Uni<List<T>>> chunk, Function<T, String> symbol,
            Function<T, LocalDate> date) {
        List<LocalDate[]> ranges = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(days)) {
            LocalDate end = start.plusDays(days - 1L);
            ranges.add(new LocalDate[] { start, end.isAfter(to) ? to : end });
        }
        List<List<T>> answers;
        try {
            answers = Multi.createFrom().iterable(ranges)
                    .onItem().transformToUni(range -> chunk.apply(range[0], range[1]))
                    .merge(CONCURRENCY).collect().asList().await().indefinitely();
        } catch (RuntimeException e) {
            String failure = calendar + " failed: " + Redactor.redact(e.getMessage());
            Log.warnf("%s; each of the %d symbols asks its own instead", failure, wanted.size());
            return new Listed<>(Map.of(), failure);
        }
        Map<String, List<T>> bySymbol = new HashMap<>();
        for (List<T> answer : answers) {
            for (T entry : answer) {
                String name = symbol.apply(entry);
                LocalDate day = date.apply(entry);
                if (name != null && day != null && wanted.contains(name) && !day.isBefore(from) && !day.isAfter(to)) {
                    bySymbol.computeIfAbsent(name, s -> new ArrayList<>()).add(entry);
                }
            }
        }
        return new Listed<>(bySymbol, null);
    }
}
