package org.marketetl.load;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;
import org.marketetl.warehouse.WarehouseSession;

/**
 * When each symbol's data set was last fetched (table MARKET_DATA_FETCH): the memory that lets an
 * incremental run skip profiles fetched recently and statements not yet due.
 */
@ApplicationScoped
public class FetchLog {

    static final String PROFILE = "profile";
    static final String STATEMENTS = "statements";
    /** A symbol's whole dividend history ({@code dividends?symbol=}); after it, the calendar keeps it current. */
    static final String DIVIDENDS = "dividends";
    private static final List<String> COLUMNS = List.of("SYMBOL", "DATASET", "FETCHED_AT");

    private final Warehouse warehouse;

    public FetchLog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The last fetch per symbol of {@code dataset}; symbols never fetched are absent. */
    Map<String, Instant> lastFetched(String dataset) {
        Map<String, Instant> last = new HashMap<>();
        warehouse.withSession(session -> session.query(SqlResource.load(FetchLog.class, "fetch-log-latest.sql"),
                row -> Map.entry(row.getString(1), row.getTimestamp(2, utc()).toInstant()), dataset))
                .forEach(entry -> last.put(entry.getKey(), entry.getValue()));
        return last;
    }

    /** Timestamps are stored as UTC wall time; read them back as such, whatever the JVM's zone. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    /** Records that {@code symbols} were fetched at {@code when}, in the caller's transaction. */
    void record(WarehouseSession session, String dataset, List<String> symbols, Instant when) throws SQLException {
        session.insertBatches("MARKET_DATA_FETCH", COLUMNS,
                symbols.stream().map(symbol -> new Object[] { symbol, dataset, when }).toList());
    }
}
