package org.marketetl.universe;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.UniverseConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.DelistedCompany;
import org.marketetl.marketdata.ListedSymbol;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.run.UniverseSelector;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Loads the market's list of securities into SECURITY from FMP's symbol lists: {@code stock-list}
 * (type stock) and {@code etf-list} (type etf) with their exchanges, {@code actively-trading-list}
 * (which of them trade now), and {@code delisted-companies} page by page (exchange, IPO and
 * delisting dates). Three requests plus the delisted pages; once SECURITY knows delistings, a reload
 * reads the pages (newest delisting first) only back to a month before the newest it knows.
 *
 * <p>A delisted company whose ticker trades again under a new listing (a reused ticker) is kept as
 * the listing that trades: tables keyed by symbol cannot hold both.
 */
@ApplicationScoped
class SecurityLists {

    static final StagedTable SECURITY = new StagedTable("STG_SECURITY",
            List.of("SYMBOL", "NAME", "EXCHANGE", "SECURITY_TYPE", "ACTIVE", "LISTED_ON", "DELISTED_ON"),
            SqlResource.load(SecurityLists.class, "security-merge.sql"));
    /** The symbols the run request accepts (RunRequestReader); FMP's other tickers cannot be asked for. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
    private static final String LOADED = SqlResource.load(SecurityLists.class, "security-lists-loaded.sql");
    static final String DATASET = "symbol-lists";
    /** How far a reload reads back past the newest known delisting: FMP may list one late. */
    private static final int OVERLAP_DAYS = 31;
    /** A bound on the paging, whatever the API answers. */
    private static final int MAX_PAGES = 2_000;
    private static final int NAME = 512;
    private static final int EXCHANGE = 32;

    private final MarketDataClient client;
    private final Warehouse warehouse;
    private final UniverseConfig config;

    SecurityLists(MarketDataClient client, Warehouse warehouse, UniverseConfig config) {
        this.client = client;
        this.warehouse = warehouse;
        this.config = config;
    }

    /** When the lists were last loaded (null: never), and the newest delisting SECURITY knows. */
    record Loaded(Instant at, LocalDate newestDelisting) {

        boolean olderThan(Duration age, Instant now) {
            return at == null || at.isBefore(now.minus(age));
        }
    }

    Loaded loaded() {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        return warehouse.withSession(session -> session.query(LOADED, row -> {
            Timestamp at = row.getTimestamp(1, utc);
            Date newest = row.getDate(2);
            return new Loaded(at == null ? null : at.toInstant(), newest == null ? null : newest.toLocalDate());
        })).get(0);
    }

    /** Reloads SECURITY from the lists; answers the rows staged. */
    long reload(Loaded before, ApiCallCounter calls) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        var lists = Uni.combine().all().unis(client.stockList(calls), client.etfList(calls),
                client.activelyTradingList(calls)).asTuple().await().indefinitely();
        Set<String> trading = new HashSet<>();
        lists.getItem3().forEach(listed -> trading.add(listed.symbol()));
        lists.getItem1().forEach(listed -> put(rows, listed, UniverseSelector.STOCK, trading));
        lists.getItem2().forEach(listed -> put(rows, listed, UniverseSelector.ETF, trading));
        for (DelistedCompany company : delisted(before.newestDelisting(), calls)) {
            Object[] row = rows.get(company.symbol());
            if (row == null && valid(company.symbol())) {
                rows.put(company.symbol(), new Object[] { company.symbol(), text(company.companyName(), NAME),
                        text(company.exchange(), EXCHANGE), UniverseSelector.STOCK, false, company.ipoDate(),
                        company.delistedDate() });
            } else if (row != null && !(Boolean) row[4]) {
                row[5] = company.ipoDate();
                row[6] = company.delistedDate();
            }
        }
        Instant now = Instant.now();
        warehouse.inTransaction(session -> {
            try (StagedTable.Load load = SECURITY.open(session)) {
                load.stage(new ArrayList<>(rows.values()));
                load.merge();
            }
            session.insertBatches("MARKET_DATA_FETCH", List.of("SYMBOL", "DATASET", "FETCHED_AT"),
                    List.<Object[]>of(new Object[] { "*", DATASET, now }));
            return null;
        });
        Log.infof("symbol lists: %,d securities loaded into SECURITY", rows.size());
        return rows.size();
    }

    /** The delisted companies, page by page, newest first, back to a month before {@code newestKnown}. */
    private List<DelistedCompany> delisted(LocalDate newestKnown, ApiCallCounter calls) {
        int limit = Math.max(1, config.delistedPageSize());
        LocalDate stopBefore = newestKnown == null ? null : newestKnown.minusDays(OVERLAP_DAYS);
        List<DelistedCompany> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<DelistedCompany> companies = client.delistedCompanies(page, limit, calls).await().indefinitely();
            all.addAll(companies.stream().filter(c -> c.symbol() != null && c.delistedDate() != null).toList());
            boolean older = stopBefore != null && companies.stream()
                    .anyMatch(c -> c.delistedDate() != null && c.delistedDate().isBefore(stopBefore));
            if (companies.size() < limit || older) {
                break;
            }
        }
        return all;
    }

    private static void put(Map<String, Object[]> rows, ListedSymbol listed, String type, Set<String> trading) {
        if (!valid(listed.symbol())) {
            return;
        }
        rows.put(listed.symbol(), new Object[] { listed.symbol(), text(listed.displayName(), NAME),
                text(listed.exchangeCode(), EXCHANGE), type, trading.contains(listed.symbol()), null, null });
    }

    /** A text cut to its column's width (NAME 512, EXCHANGE 32): a long name must not fail the load. */
    private static String text(String value, int width) {
        return value == null || value.length() <= width ? value : value.substring(0, width);
    }

    private static boolean valid(String symbol) {
        return symbol != null && SYMBOL.matcher(symbol).matches();
    }
}
