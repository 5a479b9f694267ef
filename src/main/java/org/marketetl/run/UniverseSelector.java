package org.marketetl.run;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's universe chosen from the market's list of securities (table SECURITY) instead of named
 * symbols: every security of the given types listed on the given exchanges, delisted ones too when
 * asked, so that a backtest over the loaded tables is free of survivorship bias. Built only by
 * {@link RunRequestReader}.
 *
 * @param preset          {@value #US_COMMON_STOCKS} (the US exchanges, stocks, delisted included),
 *                        or null for a selector given field by field
 * @param exchanges       FMP exchange short names, upper-case (empty for the preset: the configured
 *                        US exchanges, {@code market-etl.universe.us-exchanges})
 * @param types           {@code stock} and/or {@code etf}
 * @param includeDelisted whether delisted securities are in the universe
 */
public record UniverseSelector(String preset, List<String> exchanges, Set<String> types, boolean includeDelisted) {

    /** Every US common stock, listed or delisted: the survivorship-free universe. */
    public static final String US_COMMON_STOCKS = "us-common-stocks";
    public static final String STOCK = "stock";
    public static final String ETF = "etf";

    public UniverseSelector {
        exchanges = List.copyOf(exchanges);
        types = Set.copyOf(new TreeSet<>(types));
    }

    static UniverseSelector usCommonStocks() {
        return new UniverseSelector(US_COMMON_STOCKS, List.of(), Set.of(STOCK), true);
    }

    /** The selector in one line, as reports show it. */
    public String describe() {
        if (preset != null) {
            return preset;
        }
        return String.join(",", exchanges) + " " + String.join("+", new TreeSet<>(types))
                + (includeDelisted ? " (delisted included)" : " (listed only)");
    }
}
