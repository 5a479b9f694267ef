package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole simulated market that FMP's symbol lists and bulk endpoints serve: the configured
 * universe and delisted symbols (each with data of its own), and as many generated securities as
 * make up {@code marketSize}, in FMP's mix: US stocks listed on NASDAQ, NYSE and AMEX, US stocks
 * delisted since 2015, US ETFs, OTC stocks and foreign listings (LSE, TSX, XETRA, ...). A generated
 * security copies the data of one of {@value #PROTOTYPES} prototype companies under its own ticker
 * and name, so 60,000 securities cost 97 generated histories, not 60,000; its per-symbol answers are
 * that same data too ({@link CompanyTraits#renamed}), so per-symbol and bulk agree for every symbol.
 * Only listings are kept for all (a few MB); everything else is generated as it is asked for.
 */
final class Market {

    static final int PROTOTYPES = 97;
    private static final long SEED = StableHash.ofString("fmp-simulator-market");
    private static final LocalDate DELISTINGS_FROM = LocalDate.of(2015, 1, 5);
    private static final String[][] US = { { "NASDAQ", "NASDAQ Global Select" }, { "NYSE", "New York Stock Exchange" },
        { "AMEX", "New York Stock Exchange Arca" } };
    private static final String[][] FOREIGN = { { "LSE", "London Stock Exchange", ".L" },
        { "TSX", "Toronto Stock Exchange", ".TO" }, { "XETRA", "Deutsche Börse Xetra", ".DE" },
        { "EURONEXT", "Euronext Paris", ".PA" }, { "JPX", "Tokyo Stock Exchange", ".T" },
        { "HKSE", "Hong Kong Stock Exchange", ".HK" }, { "NSE", "National Stock Exchange of India", ".NS" },
        { "ASX", "Australian Securities Exchange", ".AX" }, { "SHZ", "Shenzhen Stock Exchange", ".SZ" },
        { "SHH", "Shanghai Stock Exchange", ".SS" }, { "KSC", "Korea Exchange", ".KS" } };

    private final TreeMap<String, Listing> listings = new TreeMap<>();
    private final List<Listing> ordered;
    private final Map<String, SymbolData> prototypes = new ConcurrentHashMap<>();
    /** The prototypes' traits: computed once, not for each of the 60,000 securities of each bulk answer. */
    private static final Map<String, CompanyTraits> PROTOTYPE_TRAITS = new ConcurrentHashMap<>();
    private final LocalDate horizon;

    Market(SimulatorConfig config) {
        this.horizon = config.asOf().plusYears(1);
        Map<String, LocalDate> delisted = new TreeMap<>();
        config.delisted().forEach(d -> delisted.put(d.symbol().toUpperCase(Locale.ROOT), d.date()));
        for (String symbol : config.universe()) {
            own(symbol.toUpperCase(Locale.ROOT), delisted.get(symbol.toUpperCase(Locale.ROOT)));
        }
        delisted.forEach((symbol, date) -> own(symbol, date));
        int generated = Math.max(0, config.marketSize() - listings.size());
        LocalDate lastDelisting = config.asOf().minusDays(30);
        for (int i = 0; i < generated; i++) {
            Listing listing = generated(i, lastDelisting);
            listings.putIfAbsent(listing.symbol(), listing);
        }
        this.ordered = List.copyOf(listings.values());
    }

    private void own(String symbol, LocalDate delisted) {
        CompanyTraits traits = CompanyTraits.of(symbol);
        listings.put(symbol, new Listing(symbol, traits.companyName(), traits.exchange(), traits.exchangeFullName(),
                "stock", traits.ipoDate(), delisted, null, true));
    }

    /** The generated security number {@code i}: its kind, ticker and listing drawn from {@code i}. */
    private static Listing generated(int i, LocalDate lastDelisting) {
        double kind = StableHash.uniform(SEED, i, 1);
        String prototype = prototypeName(StableHash.index(SEED, i, 2, PROTOTYPES));
        CompanyTraits base = prototypeTraits(prototype);
        String number = String.format(Locale.ROOT, "%05d", i);
        String[] us = US[StableHash.index(SEED, i, 3, US.length)];
        if (kind < 0.10) {
            return new Listing("U" + number, "United " + number + " Corp.", us[0], us[1], "stock", base.ipoDate(), null,
                    prototype, true);
        }
        if (kind < 0.17) {
            long span = lastDelisting.toEpochDay() - DELISTINGS_FROM.toEpochDay();
            LocalDate delisted = DELISTINGS_FROM.plusDays(StableHash.index(SEED, i, 4, (int) Math.max(1, span)));
            return new Listing("X" + number, "Former " + number + " Inc.", us[0], us[1], "stock", base.ipoDate(),
                    delisted, prototype, true);
        }
        if (kind < 0.23) {
            return new Listing("E" + number, "Index " + number + " ETF", us[0], us[1], "etf", base.ipoDate(), null,
                    prototype, false);
        }
        if (kind < 0.38) {
            return new Listing("O" + number, "Over " + number + " Co.", "OTC", "Other OTC", "stock", base.ipoDate(), null,
                    prototype, StableHash.uniform(SEED, i, 5) < 0.5);
        }
        String[] foreign = FOREIGN[StableHash.index(SEED, i, 6, FOREIGN.length)];
        return new Listing("F" + number + foreign[2], "Foreign " + number + " " + foreign[0], foreign[0], foreign[1],
                "stock", base.ipoDate(), null, prototype, StableHash.uniform(SEED, i, 5) < 0.2);
    }

    private static CompanyTraits prototypeTraits(String prototype) {
        return PROTOTYPE_TRAITS.computeIfAbsent(prototype, CompanyTraits::of);
    }

    static String prototypeName(int n) {
        return String.format(Locale.ROOT, "ZZPROTO%02d", n);
    }

    /** Every security, ordered by symbol. */
    List<Listing> all() {
        return ordered;
    }

    Optional<Listing> listing(String symbol) {
        return Optional.ofNullable(listings.get(symbol));
    }

    int size() {
        return ordered.size();
    }

    /** The traits a generated security's data is made from: its prototype's, under its own name. */
    CompanyTraits traits(Listing listing) {
        if (listing.prototype() == null) {
            return CompanyTraits.of(listing.symbol());
        }
        return prototypeTraits(listing.prototype()).renamed(listing.symbol(), listing.name(), listing.exchange(),
                listing.exchangeFullName());
    }

    /**
     * A generated security's data without generating it: its prototype's series (the same numbers)
     * under its traits. Their rows carry the prototype's ticker; callers that write rows put the
     * security's own in its place.
     */
    SymbolData borrowed(Listing listing) {
        SymbolData prototype = prototypes.computeIfAbsent(listing.prototype(),
                name -> SymbolData.generate(name, horizon, SplitSchedule.NONE));
        return new SymbolData(traits(listing), prototype.prices(), prototype.statements(), prototype.splits(),
                prototype.horizon());
    }

    /**
     * A profile as the listing shows it: an ETF has no sector, industry, CEO or staff (FMP leaves them
     * empty) and no CIK; a delisted security is not actively trading.
     */
    static CompanyProfile asListed(CompanyProfile p, Listing listing) {
        boolean etf = listing.isEtf();
        return new CompanyProfile(p.symbol(), p.price(), p.marketCap(), p.beta(), p.lastDividend(), p.range(),
                p.change(), p.changePercentage(), p.volume(), p.averageVolume(), p.companyName(), p.currency(),
                etf ? null : p.cik(), p.isin(), p.cusip(), p.exchangeFullName(), p.exchange(), etf ? "" : p.industry(),
                p.website(), p.description(), etf ? "" : p.ceo(), etf ? "" : p.sector(), p.country(),
                etf ? "" : p.fullTimeEmployees(), p.phone(), p.address(), p.city(), p.state(), p.zip(), p.image(),
                p.ipoDate(), p.defaultImage(), etf, listing.delisted() == null, p.isAdr(), etf);
    }

    /** The delisted securities, newest delisting first (FMP's order), then by symbol. */
    List<Listing> delistedNewestFirst(LocalDate asOf) {
        List<Listing> delisted = new ArrayList<>();
        for (Listing listing : ordered) {
            if (listing.delisted() != null && !listing.delisted().isAfter(asOf)) {
                delisted.add(listing);
            }
        }
        delisted.sort(Comparator.comparing(Listing::delisted).reversed().thenComparing(Listing::symbol));
        return delisted;
    }
}
