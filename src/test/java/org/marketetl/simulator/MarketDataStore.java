package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Lazily generated, cached data per symbol. Generation is cheap (a few thousand doubles per
 * symbol) and happens once; requests after that only slice arrays and build records.
 */
public final class MarketDataStore {

    /** What FMP-style tickers look like: AAPL, BRK-B, BRK.B, ^GSPC is not served. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,11}");

    private final ConcurrentHashMap<String, SymbolData> cache = new ConcurrentHashMap<>();
    private final Set<String> universe;
    private final boolean acceptAnySymbol;
    private final int statementQuarters;
    private volatile LocalDate asOf;
    private volatile java.util.List<SplitEvent> splits;
    private volatile int yearsOfHistory;
    private final SimulatorConfig config;
    private volatile Market market;
    private volatile boolean bulkEndpoints;

    MarketDataStore(SimulatorConfig config) {
        this.universe = Set.copyOf(config.universe().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
        this.acceptAnySymbol = config.acceptAnySymbol();
        this.statementQuarters = config.statementQuarters();
        this.asOf = config.asOf();
        this.splits = config.splits();
        this.yearsOfHistory = config.yearsOfHistory();
        this.config = config;
        this.market = new Market(config);
        this.bulkEndpoints = config.bulkEndpoints();
    }

    /** How far back {@code historical-price-eod/full} serves from the simulated day (the plan's depth). */
    public int yearsOfHistory() {
        return yearsOfHistory;
    }

    /** Serves {@code years} of price history from now on (FMP Basic and Starter: 5). */
    public void setYearsOfHistory(int years) {
        if (years < 1) {
            throw new IllegalArgumentException("yearsOfHistory must be >= 1");
        }
        this.yearsOfHistory = years;
    }

    /** The whole market the symbol lists and bulk endpoints serve. */
    Market market() {
        return market;
    }

    /**
     * Replaces the market beyond the universe: {@code size} securities in all, {@code delisted} among
     * them; data generated so far is dropped (a generated ticker may now copy another prototype).
     */
    public void setMarket(int size, java.util.List<Delisting> delisted) {
        this.market = new Market(config.toBuilder().marketSize(size).delisted(delisted).asOf(asOf).build());
        cache.clear();
    }

    /** Every symbol of the market the lists and bulk endpoints serve, in order. */
    public java.util.List<String> marketSymbols() {
        return market.all().stream().map(Listing::symbol).toList();
    }

    /** One security of the market as the symbol lists describe it, for tests that compute expectations. */
    public record Security(String symbol, String exchange, boolean etf, LocalDate listed, LocalDate delisted) {
    }

    /** Every security of the market, in symbol order. */
    public java.util.List<Security> securities() {
        return market.all().stream().map(l -> new Security(l.symbol(), l.exchange(), l.isEtf(), l.listed(),
                l.delisted())).toList();
    }

    /** Whether {@code symbol} is an ETF of the market (an ETF's profile leaves sector, CEO... empty). */
    public boolean isEtf(String symbol) {
        return market.listing(symbol).map(Listing::isEtf).orElse(false);
    }

    boolean bulkEndpoints() {
        return bulkEndpoints;
    }

    /** Whether the plan has the bulk endpoints (else they answer 402). */
    public void setBulkEndpoints(boolean available) {
        this.bulkEndpoints = available;
    }

    /**
     * The last day {@code symbol}'s data reaches: the simulated day, or for a delisted symbol the
     * day before its delisting (it traded and filed up to then).
     */
    public LocalDate lastDay(String symbol) {
        LocalDate day = asOf;
        return market.listing(symbol).map(listing -> listing.lastDay(day)).orElse(day);
    }

    /** A listing's data for a bulk answer: its own, or (generated) its prototype's under its name. */
    SymbolData bulkData(Listing listing) {
        return listing.prototype() == null ? data(listing.symbol()).orElseThrow() : market.borrowed(listing);
    }

    /** A listing's profile as of its last day, as both {@code profile} and {@code profile-bulk} serve it. */
    Optional<CompanyProfile> profile(Listing listing, LocalDate day) {
        return ProfileFactory.profile(bulkData(listing), listing.lastDay(day)).map(p -> Market.asListed(p, listing));
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** Moves the simulated "today"; history before it never changes, new days and filings appear. */
    public void setAsOf(LocalDate day) {
        this.asOf = day;
    }

    /**
     * Replaces the configured splits (a symbol with none keeps the built-in ones of
     * {@link SplitSchedule}); data generated so far is dropped, as share counts depend on them.
     */
    public void setSplits(java.util.List<SplitEvent> configured) {
        this.splits = java.util.List.copyOf(configured);
        cache.clear();
    }

    /** Every split of every symbol that has one (built-in and configured), oldest first. */
    java.util.List<SplitEvent> allSplits() {
        java.util.Set<String> symbols = new java.util.TreeSet<>(SplitSchedule.BUILT_IN.keySet());
        splits.forEach(s -> symbols.add(s.symbol()));
        return symbols.stream().filter(this::isKnown).flatMap(s -> SplitSchedule.of(s, splits).all().stream())
                .sorted(java.util.Comparator.comparing(SplitEvent::date).thenComparing(SplitEvent::symbol)).toList();
    }

    public boolean isKnown(String symbol) {
        return symbol != null && SYMBOL.matcher(symbol).matches()
                && (acceptAnySymbol || universe.contains(symbol) || market.listing(symbol).isPresent());
    }

    Optional<SymbolData> data(String symbol) {
        if (!isKnown(symbol)) {
            return Optional.empty();
        }
        LocalDate need = asOf;
        java.util.List<SplitEvent> configured = splits;
        Optional<Listing> generated = market.listing(symbol).filter(listing -> listing.prototype() != null);
        SymbolData d = cache.compute(symbol, (s, old) -> old != null && !old.horizon().isBefore(need) ? old
                : SymbolData.generate(generated.map(market::traits).orElseGet(() -> CompanyTraits.of(s)),
                        need.plusYears(1), SplitSchedule.of(s, configured)));
        return Optional.of(d);
    }

    Set<String> universe() {
        return universe;
    }

    /** The symbols generated so far, i.e. asked for since the simulator started. */
    Set<String> generatedSymbols() {
        return Set.copyOf(cache.keySet());
    }

    /** Number of symbols generated so far (for tests of laziness and memory). */
    public int cachedSymbols() {
        return cache.size();
    }

    // Typed views of what the HTTP endpoints serve, for tests that compute expectations.

    /**
     * Bars with from <= date <= to (clipped to the served history), newest first, split-adjusted
     * as of asOf: what {@code historical-price-eod/full} serves.
     */
    public java.util.List<PriceBar> priceBars(String symbol, LocalDate from, LocalDate to) {
        LocalDate day = asOf;
        return data(symbol).map(d -> d.prices().newestFirst(from, to.isAfter(day) ? day : to, Integer.MAX_VALUE)
                .stream().map(b -> d.splits().adjusted(b, day)).toList()).orElse(java.util.List.of());
    }

    /** The same bars as they traded: what {@code historical-price-eod/non-split-adjusted} serves. */
    public java.util.List<PriceBar> rawPriceBars(String symbol, LocalDate from, LocalDate to) {
        LocalDate day = asOf;
        return data(symbol).map(d -> d.prices().newestFirst(from, to.isAfter(day) ? day : to, Integer.MAX_VALUE)
                .stream().map(b -> d.splits().raw(b)).toList()).orElse(java.util.List.of());
    }

    /** Whether {@code symbol} has splits (built in or configured): they change its data from its prototype's. */
    boolean hasSplits(String symbol) {
        return !SplitSchedule.of(symbol, splits).all().isEmpty();
    }

    /** {@code symbol}'s splits dated on or before asOf, newest first. */
    public java.util.List<SplitEvent> splits(String symbol) {
        return data(symbol).map(d -> d.splits().newestFirst(asOf)).orElse(java.util.List.of());
    }

    /** Quarters filed by asOf, newest first, at most {@code limit} (and at most statementQuarters). */
    public java.util.List<QuarterlyReport> quarters(String symbol, int limit) {
        int max = Math.min(limit, statementQuarters);
        return data(symbol).map(d -> d.statements().filedNewestFirst(asOf, max)).orElse(java.util.List.of());
    }

    /** 12 for most symbols; 9, 6 or 3 for some (their fiscal quarters are not calendar quarters). */
    public int fiscalYearEndMonth(String symbol) {
        return CompanyTraits.of(symbol).fiscalYearEndMonth();
    }

    public Optional<CompanyProfile> profile(String symbol) {
        LocalDate day = lastDay(symbol);
        return data(symbol).flatMap(d -> ProfileFactory.profile(d, day))
                .map(p -> market.listing(symbol).map(listing -> Market.asListed(p, listing)).orElse(p));
    }

    public Optional<Quote> quote(String symbol) {
        return data(symbol).flatMap(d -> QuoteFactory.quote(d, asOf));
    }
}
