package org.marketetl.simulator;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FMP's bulk endpoints over the whole simulated market ({@link Market}), as FMP serves them (issue 19):
 * <ul>
 * <li>{@code profile-bulk?part=N}: the market's profiles in {@value #PROFILE_PARTS} parts, CSV with
 * the JSON profile's 36 keys in order; about one row in ten has {@code volume} as a fractional string
 * ({@code "475.9"}); an absent value is an empty cell or {@code ""}.</li>
 * <li>{@code income-statement-bulk}, {@code balance-sheet-statement-bulk},
 * {@code cash-flow-statement-bulk} {@code ?year=&period=} with period {@code Q1..Q4} or {@code FY}
 * ({@code quarter}/{@code annual} are refused): every company's statement of that fiscal period,
 * with the JSON statement's keys as columns; {@code fiscalYear} and {@code cik} are quoted strings,
 * and figures FMP does not know come as empty cells (here: zeros the loader does not read).</li>
 * <li>{@code eod-bulk?date=}: every security's bar of the day, {@code symbol,date,open,low,high,close,
 * adjClose,volume} (prices as traded that day).</li>
 * </ul>
 * Every route answers {@code 200 text/csv}; no data is an empty body; a bad parameter is 400 with
 * JSON; a plan without bulk is 402 with FMP's text. Bodies are written line by line as they are sent,
 * at the configured rate, so their transfer time follows their rows.
 */
final class BulkApi {

    static final List<String> ENDPOINTS = List.of("profile-bulk", "income-statement-bulk",
            "balance-sheet-statement-bulk", "cash-flow-statement-bulk", "eod-bulk");
    static final int PROFILE_PARTS = 4;
    static final String RESTRICTED = "Restricted Endpoint: This endpoint is not available under your current "
            + "subscription please visit our subscription page to upgrade your plan at "
            + "https://site.financialmodelingprep.com/developer/docs/pricing";
    private static final Set<String> PERIODS = Set.of("Q1", "Q2", "Q3", "Q4", "FY");
    /** What the loader reads of each statement: a cell it reads is never left empty here. */
    private static final Map<Class<?>, Set<String>> READ = Map.of(
            IncomeStatement.class, keys(org.marketetl.marketdata.IncomeStatement.class),
            BalanceSheetStatement.class, keys(org.marketetl.marketdata.BalanceSheet.class),
            CashFlowStatement.class, keys(org.marketetl.marketdata.CashFlowStatement.class));

    private final MarketDataStore store;
    private final FaultInjector faults;

    BulkApi(MarketDataStore store, FaultInjector faults) {
        this.store = store;
        this.faults = faults;
    }

    Answer answer(String endpoint, QueryParams q) {
        if (!store.bulkEndpoints()) {
            return Answer.text(402, RESTRICTED);
        }
        try {
            return switch (endpoint) {
                case "profile-bulk" -> profiles(q);
                case "income-statement-bulk" -> statements(q, IncomeStatement.class, QuarterlyReport::income);
                case "balance-sheet-statement-bulk" -> statements(q, BalanceSheetStatement.class,
                        QuarterlyReport::balance);
                case "cash-flow-statement-bulk" -> statements(q, CashFlowStatement.class, QuarterlyReport::cashFlow);
                case "eod-bulk" -> eod(q);
                default -> Answer.json(404, FmpErrors.badRequest("unknown endpoint /stable/" + endpoint));
            };
        } catch (IllegalArgumentException e) {
            return Answer.json(400, FmpErrors.badRequest(e.getMessage()));
        }
    }

    private Answer profiles(QueryParams q) {
        int part = integer(q, "part");
        if (part < 0) {
            throw new IllegalArgumentException("parameter 'part' must be 0 or more, got " + part);
        }
        List<Listing> all = store.market().all();
        int size = (all.size() + PROFILE_PARTS - 1) / PROFILE_PARTS;
        List<Listing> listings = all.subList(Math.min(all.size(), part * size), Math.min(all.size(), (part + 1) * size));
        LocalDate asOf = store.asOf();
        return lines(CsvLine.header(CompanyProfile.class), listings, listing -> store.profile(listing, asOf)
                .map(profile -> CsvLine.of(profile, component -> profileCell(component, profile, listing))));
    }

    /** FMP's quirks: an absent text as an empty cell or as {@code ""}; some volumes fractional. */
    private static CsvLine.Cell profileCell(RecordComponent component, CompanyProfile profile, Listing listing) {
        long hash = StableHash.ofString(listing.symbol());
        if (component.getName().equals("volume") && Math.floorMod(hash, 10) == 3) {
            return CsvLine.Cell.quoted(profile.volume() + "." + Math.floorMod(hash >> 8, 10));
        }
        if (component.getType() == String.class && "".equals(CsvLine.value(component, profile))) {
            return Math.floorMod(hash >> 4, 2) == 0 ? CsvLine.Cell.EMPTY : CsvLine.Cell.EMPTY_QUOTED;
        }
        return null;
    }

    private <T extends Record> Answer statements(QueryParams q, Class<T> type, Function<QuarterlyReport, T> pick) {
        int year = integer(q, "year");
        String period = q.get("period");
        if (period == null || !PERIODS.contains(period)) {
            throw new IllegalArgumentException("parameter 'period' must be one of Q1, Q2, Q3, Q4, FY; got period="
                    + period);
        }
        String fiscalYear = Integer.toString(year);
        Set<String> read = READ.get(type);
        LocalDate asOf = store.asOf();
        List<Listing> filers = store.market().all().stream()
                .filter(l -> !l.isEtf() && (l.quarterly() || period.equals("FY"))).toList();
        return lines(CsvLine.header(type), filers, listing -> {
            if (faults.isEmpty(listing.symbol())) {
                return Optional.empty();
            }
            SymbolData data = store.bulkData(listing);
            Optional<T> statement = period.equals("FY")
                    ? annual(data, fiscalYear, listing.lastDay(asOf), pick, type)
                    : data.statements().filedNewestFirst(listing.lastDay(asOf), Integer.MAX_VALUE).stream()
                            .filter(r -> r.quarter().fiscalYear().equals(fiscalYear) && r.quarter().period().equals(period))
                            .findFirst().map(pick);
            long hash = StableHash.ofString(listing.symbol() + fiscalYear + period);
            boolean blanks = Math.floorMod(hash, 3) == 0;
            return statement.map(s -> CsvLine.of(s, component -> statementCell(component, s, listing, read, blanks)));
        });
    }

    private static CsvLine.Cell statementCell(RecordComponent component, Record statement, Listing listing,
            Set<String> read, boolean blanks) {
        if (component.getName().equals("symbol")) {
            return CsvLine.Cell.quoted(listing.symbol());
        }
        if (blanks && !read.contains(component.getName()) && component.getType() == long.class
                && ((Long) CsvLine.value(component, statement)) == 0L) {
            return CsvLine.Cell.EMPTY;
        }
        return null;
    }

    /**
     * The fiscal year's annual statement, once its four quarters are filed: flows summed, per-share
     * figures summed, share counts averaged, the balance sheet as at the fourth quarter.
     */
    private static <T extends Record> Optional<T> annual(SymbolData data, String fiscalYear, LocalDate lastDay,
            Function<QuarterlyReport, T> pick, Class<T> type) {
        List<QuarterlyReport> quarters = data.statements().filedNewestFirst(lastDay, Integer.MAX_VALUE).stream()
                .filter(r -> r.quarter().fiscalYear().equals(fiscalYear)).toList();
        Optional<QuarterlyReport> fourth = quarters.stream().filter(r -> r.quarter().period().equals("Q4")).findFirst();
        if (quarters.size() != 4 || fourth.isEmpty()) {
            return Optional.empty();
        }
        T last = pick.apply(fourth.get());
        if (type == BalanceSheetStatement.class) {
            return Optional.of(with(last, Map.of("period", "FY")));
        }
        Map<String, Object> values = new HashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            if (name.equals("period")) {
                values.put(name, "FY");
            } else if (name.startsWith("weightedAverageShsOut")) {
                values.put(name, Math.round(quarters.stream().mapToLong(r -> (Long) CsvLine.value(component, pick.apply(r)))
                        .average().orElse(0)));
            } else if (component.getType() == long.class) {
                values.put(name, quarters.stream().mapToLong(r -> (Long) CsvLine.value(component, pick.apply(r))).sum());
            } else if (component.getType() == double.class) {
                values.put(name, Money.cents(quarters.stream()
                        .mapToDouble(r -> (Double) CsvLine.value(component, pick.apply(r))).sum()));
            }
        }
        return Optional.of(with(last, values));
    }

    /** {@code row} with some components replaced. */
    private static <T extends Record> T with(T row, Map<String, Object> values) {
        RecordComponent[] components = row.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = values.containsKey(components[i].getName()) ? values.get(components[i].getName())
                    : CsvLine.value(components[i], row);
        }
        try {
            @SuppressWarnings("unchecked")
            Constructor<T> constructor = (Constructor<T>) row.getClass().getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer eod(QueryParams q) {
        String text = q.get("date");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing required parameter 'date'");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter 'date' must be YYYY-MM-DD, got '" + text + "'");
        }
        if (date.isAfter(store.asOf()) || !TradingCalendar.isTradingDay(date)) {
            return Answer.csvLines(out -> { });
        }
        List<Listing> trading = store.market().all().stream().filter(l -> l.tradesOn(date)).toList();
        return lines(EodBulkCsv.HEADER, trading, listing -> {
            if (faults.isEmpty(listing.symbol())) {
                return Optional.empty();
            }
            if (faults.isMalformed(listing.symbol())) {
                return Optional.of(EodBulkCsv.broken(listing.symbol(), date.toString()));
            }
            SymbolData data = store.bulkData(listing);
            int i = data.prices().indexOnOrBefore(date);
            if (i < 0 || !data.prices().date(i).equals(date)) {
                return Optional.empty();
            }
            return Optional.of(EodBulkCsv.row(listing.symbol(), data.splits().raw(data.prices().bar(i))));
        });
    }

    /** A streamed body: the header before the first row, none at all when there is no row. */
    private static Answer lines(String header, List<Listing> listings, Function<Listing, Optional<String>> row) {
        return Answer.csvLines(out -> {
            boolean first = true;
            for (Listing listing : listings) {
                Optional<String> line = row.apply(listing);
                if (line.isPresent()) {
                    if (first) {
                        out.accept(header);
                        first = false;
                    }
                    out.accept(line.get());
                }
            }
        });
    }

    private static int integer(QueryParams q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing required parameter '" + name + "'");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    private static Set<String> keys(Class<? extends Record> dto) {
        return Arrays.stream(dto.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }
}
