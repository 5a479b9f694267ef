package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Fixed, per-symbol facts every generated series starts from. All are drawn from the symbol's
 * stable seed, so a symbol always looks like the same company.
 *
 * @param fiscalYearEndMonth 12 for most; 9 (like AAPL), 6 or 3 for some, so fiscal and calendar
 *                           years disagree for part of the universe
 */
record CompanyTraits(
        String symbol,
        long seed,
        String companyName,
        String exchange,
        String exchangeFullName,
        String sector,
        String industry,
        int fiscalYearEndMonth,
        double startPrice,
        double dailyVolatility,
        double dailyDrift,
        double beta,
        long baseVolume,
        long startShares,
        double quarterlyShareDrift,
        double dilution,
        double startPriceToSales,
        double quarterlyGrowth,
        double grossMargin,
        double researchShare,
        double sgaShare,
        double depreciationShare,
        double capexShare,
        double stockCompShare,
        double taxRate,
        double dividendPayout,
        long minorityInterest,
        int employees,
        String cik,
        String cusip,
        String ceo,
        String city,
        String state,
        LocalDate ipoDate) {

    private static final List<String[]> SECTORS = List.of(
            new String[] {"Technology", "Consumer Electronics"},
            new String[] {"Technology", "Software - Infrastructure"},
            new String[] {"Technology", "Semiconductors"},
            new String[] {"Healthcare", "Drug Manufacturers - General"},
            new String[] {"Financial Services", "Banks - Diversified"},
            new String[] {"Consumer Cyclical", "Auto Manufacturers"},
            new String[] {"Energy", "Oil & Gas Integrated"},
            new String[] {"Industrials", "Aerospace & Defense"},
            new String[] {"Consumer Defensive", "Beverages - Non-Alcoholic"},
            new String[] {"Communication Services", "Internet Content & Information"},
            new String[] {"Utilities", "Utilities - Regulated Electric"},
            new String[] {"Basic Materials", "Specialty Chemicals"});
    private static final List<String> NAME_A = List.of(
            "Summit", "Northern", "Blue", "Harbor", "Granite", "Apex", "Silver", "Pioneer",
            "Cedar", "Atlas", "Crescent", "Beacon", "Meridian", "Union", "Evergreen", "Vertex");
    private static final List<String> NAME_B = List.of(
            "Systems", "Holdings", "Technologies", "Dynamics", "Industries", "Networks",
            "Therapeutics", "Energy", "Brands", "Capital", "Labs", "Materials");
    private static final List<String> CEOS = List.of(
            "Jane A. Smith", "Robert Chen", "Maria Garcia", "David O. Brown", "Aisha Patel",
            "Thomas Müller", "Linda Johnson", "Kenji Watanabe");
    private static final List<String[]> CITIES = List.of(
            new String[] {"Cupertino", "CA"}, new String[] {"New York", "NY"}, new String[] {"Austin", "TX"},
            new String[] {"Seattle", "WA"}, new String[] {"Chicago", "IL"}, new String[] {"Boston", "MA"});
    /** Weighted: most companies close their year in December. */
    private static final int[] FISCAL_YEAR_ENDS = {12, 12, 12, 12, 12, 9, 9, 6, 3};

    static CompanyTraits of(String symbol) {
        long s = StableHash.ofString(symbol);
        String[] sector = SECTORS.get(StableHash.index(s, 1, 0, SECTORS.size()));
        boolean nasdaq = StableHash.uniform(s, 2, 0) < 0.55;
        String[] city = CITIES.get(StableHash.index(s, 3, 0, CITIES.size()));
        String name = NAME_A.get(StableHash.index(s, 4, 0, NAME_A.size())) + " "
                + NAME_B.get(StableHash.index(s, 5, 0, NAME_B.size())) + " " + capitalised(symbol) + " Inc.";
        boolean payer = StableHash.uniform(s, 6, 0) < 0.6;
        int fyEnd = FISCAL_YEAR_ENDS[StableHash.index(s, 7, 0, FISCAL_YEAR_ENDS.length)];
        long cikNumber = 100_000 + (long) StableHash.index(s, 8, 0, 1_800_000);
        String cusip = String.format(Locale.ROOT, "%09d", StableHash.index(s, 9, 0, 999_999_999));
        return new CompanyTraits(
                symbol, s, name,
                nasdaq ? "NASDAQ" : "NYSE",
                nasdaq ? "NASDAQ Global Select" : "New York Stock Exchange",
                sector[0], sector[1], fyEnd,
                Money.cents(StableHash.between(s, 10, 0, 15, 450)),
                StableHash.between(s, 11, 0, 0.010, 0.028),
                StableHash.between(s, 12, 0, -0.0001, 0.0006),
                Money.round(StableHash.between(s, 13, 0, 0.6, 1.6), 3),
                (long) StableHash.between(s, 14, 0, 400_000, 60_000_000),
                (long) StableHash.between(s, 15, 0, 80_000_000, 6_000_000_000L),
                StableHash.between(s, 16, 0, -0.008, 0.004),
                StableHash.between(s, 17, 0, 0.002, 0.015),
                StableHash.between(s, 18, 0, 1.0, 7.0),
                StableHash.between(s, 19, 0, -0.004, 0.03),
                StableHash.between(s, 20, 0, 0.25, 0.70),
                StableHash.between(s, 21, 0, 0.0, 0.15),
                StableHash.between(s, 22, 0, 0.05, 0.18),
                StableHash.between(s, 23, 0, 0.02, 0.06),
                StableHash.between(s, 24, 0, 0.02, 0.08),
                StableHash.between(s, 25, 0, 0.0, 0.04),
                StableHash.between(s, 26, 0, 0.12, 0.25),
                payer ? StableHash.between(s, 27, 0, 0.15, 0.45) : 0.0,
                StableHash.uniform(s, 28, 0) < 0.3 ? (long) StableHash.between(s, 29, 0, 1e7, 2e9) : 0L,
                (int) StableHash.between(s, 30, 0, 800, 250_000),
                String.format(Locale.ROOT, "%010d", cikNumber),
                cusip,
                CEOS.get(StableHash.index(s, 31, 0, CEOS.size())),
                city[0], city[1],
                LocalDate.of(1975, 1, 1).plusDays(StableHash.index(s, 32, 0, 16_000)));
    }

    /**
     * The same company under another ticker, name and listing: the same seed, so the same prices and
     * statements. The simulator's generated market (beyond the configured universe) is made of such
     * copies of a few prototypes ({@link Market}).
     */
    CompanyTraits renamed(String newSymbol, String newName, String newExchange, String newExchangeFullName) {
        return new CompanyTraits(newSymbol, seed, newName, newExchange, newExchangeFullName, sector, industry,
                fiscalYearEndMonth, startPrice, dailyVolatility, dailyDrift, beta, baseVolume, startShares,
                quarterlyShareDrift, dilution, startPriceToSales, quarterlyGrowth, grossMargin, researchShare,
                sgaShare, depreciationShare, capexShare, stockCompShare, taxRate, dividendPayout, minorityInterest,
                employees, cik, cusip, ceo, city, state, ipoDate);
    }

    String isin() {
        // Not a valid ISIN check digit; FMP consumers only store it.
        return "US" + cusip + (Math.floorMod(seed, 10));
    }

    private static String capitalised(String symbol) {
        String lower = symbol.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return lower.isEmpty() ? "X" : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
