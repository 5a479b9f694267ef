package org.marketetl.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints under {@code /stable/}: parameter handling and answer bodies. Transport concerns
 * (auth, limits, latency, faults) stay in {@link FmpSimulator}.
 *
 * <p>Choices where FMP's behaviour is unknown or irrelevant, made to surface client bugs early:
 * a missing required parameter is a 400; statements accept {@code period=quarter} (or Q1..Q4)
 * only, anything else (including FMP's default "annual") is a 400; {@code limit} defaults to 5
 * and is capped at 1000; price history is capped at 5000 rows like FMP's.
 */
final class StableApi {

    static final List<String> ENDPOINTS = List.of("profile", "historical-price-eod/full", "income-statement",
            "balance-sheet-statement", "cash-flow-statement", "batch-quote", "eod-bulk",
            "historical-price-eod/non-split-adjusted", "splits", "splits-calendar", "dividends", "dividends-calendar",
            "profile-bulk", "income-statement-bulk", "balance-sheet-statement-bulk", "cash-flow-statement-bulk",
            "stock-list", "etf-list", "actively-trading-list", "delisted-companies");

    /** How far ahead of the simulated day the calendar lists a split (announced before its date). */
    static final int SPLITS_ANNOUNCED_DAYS_AHEAD = 14;

    private static final int MAX_PRICE_ROWS = 5000;
    private static final int DEFAULT_LIMIT = 5;
    private static final int MAX_LIMIT = 1000;
    private static final byte[] EMPTY = "[]".getBytes(StandardCharsets.UTF_8);

    private final MarketDataStore store;
    private final FaultInjector faults;
    private final SimulatorConfig config;
    private final DividendApi dividends;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile List<Restatement> restatements = List.of();
    private final BulkApi bulk;
    private final SymbolListApi lists;

    StableApi(MarketDataStore store, FaultInjector faults, SimulatorConfig config, DividendApi dividends) {
        this.store = store;
        this.faults = faults;
        this.config = config;
        this.dividends = dividends;
        this.bulk = new BulkApi(store, faults);
        this.lists = new SymbolListApi(store);
    }

    /** Serves these quarters restated from now on ({@link Restatement}). */
    void setRestatements(List<Restatement> restated) {
        this.restatements = List.copyOf(restated);
    }

    Answer answer(String endpoint, QueryParams q) {
        try {
            return switch (endpoint) {
                case "profile" -> bySymbol(q, s -> store.profile(s.traits().symbol()).map(List::of));
                case "historical-price-eod/full" -> prices(q, false);
                case "historical-price-eod/non-split-adjusted" -> prices(q, true);
                case "splits" -> bySymbol(q, d -> Optional.of(d.splits().newestFirst(store.asOf()).stream()
                        .map(SplitRows.Split::of).toList()));
                case "splits-calendar" -> splitsCalendar(q);
                case "dividends" -> bySymbol(q, d -> Optional.of(dividends.dividends(d)));
                case "dividends-calendar" -> Answer.ok(write(dividends.calendar(
                        Optional.ofNullable(optionalDate(q, "from", null)), Optional.ofNullable(optionalDate(q, "to", null)))));
                case "income-statement" -> statements(q, QuarterlyReport::income);
                case "balance-sheet-statement" -> statements(q, QuarterlyReport::balance);
                case "cash-flow-statement" -> statements(q, QuarterlyReport::cashFlow);
                case "batch-quote" -> batchQuote(q);
                case "eod-bulk", "profile-bulk", "income-statement-bulk", "balance-sheet-statement-bulk",
                        "cash-flow-statement-bulk" -> bulk.answer(endpoint, q);
                case "stock-list", "etf-list", "actively-trading-list", "delisted-companies" -> lists.answer(endpoint, q);
                default -> Answer.json(404, FmpErrors.badRequest("unknown endpoint /stable/" + endpoint));
            };
        } catch (BadRequest e) {
            return Answer.json(400, FmpErrors.badRequest(e.getMessage()));
        }
    }

    private interface Rows {
        Optional<? extends List<?>> of(SymbolData d);
    }

    /** Common path of single-symbol endpoints: required symbol, unknown -> [], per-symbol faults. */
    private Answer bySymbol(QueryParams q, Rows rows) {
        String symbol = required(q, "symbol");
        if (faults.isEmpty(symbol)) {
            return Answer.ok(EMPTY);
        }
        List<?> list = store.data(symbol).flatMap(rows::of).map(l -> (List<?>) l).orElse(List.of());
        byte[] body = write(list);
        return Answer.ok(faults.isMalformed(symbol) ? truncate(body) : body);
    }

    /** Split-adjusted as of the simulated day ({@code /full}), or as traded ({@code non-split-adjusted}). */
    private Answer prices(QueryParams q, boolean asTraded) {
        LocalDate asOf = store.asOf();
        LocalDate first = asOf.minusYears(store.yearsOfHistory());
        LocalDate from = max(optionalDate(q, "from", first), first);
        LocalDate to = min(optionalDate(q, "to", asOf), store.lastDay(required(q, "symbol")));
        return bySymbol(q, d -> Optional.of(d.prices().newestFirst(from, to, MAX_PRICE_ROWS).stream()
                .map(bar -> asTraded ? SplitRows.UnadjustedBar.of(d.splits().raw(bar)) : d.splits().adjusted(bar, asOf))
                .toList()));
    }

    /**
     * Splits of every symbol dated from {@code from} to {@code to} (by default the simulated day and
     * the 90 after it), oldest first; a split shows up {@link #SPLITS_ANNOUNCED_DAYS_AHEAD} days
     * before its date.
     */
    private Answer splitsCalendar(QueryParams q) {
        LocalDate asOf = store.asOf();
        LocalDate from = optionalDate(q, "from", asOf);
        LocalDate to = min(optionalDate(q, "to", asOf.plusDays(90)), asOf.plusDays(SPLITS_ANNOUNCED_DAYS_AHEAD));
        return Answer.ok(write(store.allSplits().stream()
                .filter(s -> !s.date().isBefore(from) && !s.date().isAfter(to) && !faults.isEmpty(s.symbol()))
                .map(SplitRows.CalendarSplit::of).toList()));
    }

    private interface Statement {
        Object pick(QuarterlyReport r);
    }

    private Answer statements(QueryParams q, Statement which) {
        String period = q.get("period");
        if (period == null || !(period.equals("quarter") || period.matches("Q[1-4]"))) {
            throw new BadRequest("only period=quarter (or Q1..Q4) is simulated; got period=" + period);
        }
        int limit = Math.min(MAX_LIMIT, optionalInt(q, "limit", DEFAULT_LIMIT));
        int max = config.statementQuarters();
        LocalDate lastDay = store.lastDay(required(q, "symbol"));
        return bySymbol(q, d -> Optional.of(d.statements().filedNewestFirst(lastDay, max).stream()
                .filter(r -> period.equals("quarter") || r.quarter().period().equals(period))
                .limit(Math.max(0, limit))
                .map(r -> Restatement.apply(restatements, r))
                .map(which::pick)
                .toList()));
    }

    private Answer batchQuote(QueryParams q) {
        String symbols = required(q, "symbols");
        List<Quote> quotes = new ArrayList<>();
        boolean malformed = false;
        for (String s : symbols.split(",")) {
            String symbol = s.trim();
            malformed |= faults.isMalformed(symbol);
            if (!faults.isEmpty(symbol)) {
                store.data(symbol).flatMap(d -> QuoteFactory.quote(d, store.asOf())).ifPresent(quotes::add);
            }
        }
        byte[] body = write(quotes);
        return Answer.ok(malformed ? truncate(body) : body);
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body cut in the middle of a value: what a client sees from a broken proxy or gateway. */
    private static byte[] truncate(byte[] body) {
        byte[] cut = Arrays.copyOf(body, Math.max(1, body.length / 2));
        return cut.length < 12 ? "[{\"symbol\":".getBytes(StandardCharsets.UTF_8) : cut;
    }

    private static String required(QueryParams q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new BadRequest("missing required parameter '" + name + "'");
        }
        return v;
    }

    private static LocalDate optionalDate(QueryParams q, String name, LocalDate fallback) {
        String v = q.get(name);
        return v == null || v.isBlank() ? fallback : parseDate(name, v);
    }

    private static LocalDate parseDate(String name, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest("parameter '" + name + "' must be YYYY-MM-DD, got '" + v + "'");
        }
    }

    private static int optionalInt(QueryParams q, String name, int fallback) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadRequest("parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
