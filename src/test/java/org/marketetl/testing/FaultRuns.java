package org.marketetl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What every fault test does around its runs: invoke and keep the report for the secret scan,
 * forget a test's symbols to start it afresh, and the checks a run must pass whatever the fault:
 * every natural key once, the tables of a symbol consistent, fingerprints of loaded data.
 */
public final class FaultRuns {

    /** Columns that record when a row was written, not what it holds; they differ between equal loads. */
    public static final Set<String> WRITE_TIMES = Set.of("LOADED_AT", "COMPUTED_AT");
    /** The natural key of each raw table. */
    public static final Map<String, List<String>> KEYS = Map.of(
            "COMPANY", List.of("SYMBOL"),
            "DAILY_PRICE", List.of("SYMBOL", "PRICE_DATE"),
            "INCOME_STATEMENT", List.of("SYMBOL", "PERIOD_END"),
            "BALANCE_SHEET", List.of("SYMBOL", "PERIOD_END"),
            "CASH_FLOW", List.of("SYMBOL", "PERIOD_END"),
            "DIVIDEND", List.of("SYMBOL", "EX_DATE"),
            "INCOME_STATEMENT_VERSION", List.of("SYMBOL", "PERIOD_END", "VERSION"));

    private final SecretScan scan;
    private final WarehouseProbe warehouse = WarehouseProbe.current();

    public FaultRuns(SecretScan scan) {
        this.scan = scan;
    }

    public WarehouseProbe warehouse() {
        return warehouse;
    }

    /** Invokes the function with {@code event}; the answer must be a report (HTTP 200). */
    public JsonPath run(String event) {
        Response response = Lambda.invoke(event);
        String body = response.asString();
        scan.add(body);
        assertThat(response.statusCode()).as("invocation answer %s", body).isEqualTo(200);
        return new JsonPath(body);
    }

    /** Invokes and answers the raw response (for refusals), adding its body to the scan. */
    public Response invoke(String event) {
        Response response = Lambda.invoke(event);
        scan.add(response.asString());
        return response;
    }

    /** Removes every row of {@code symbols} from the raw tables and the fetch log. */
    public void forget(List<String> symbols) {
        String in = String.join(", ", Collections.nCopies(symbols.size(), "?"));
        for (String table : List.of("COMPANY", "DAILY_PRICE", "INCOME_STATEMENT", "BALANCE_SHEET", "CASH_FLOW",
                "DIVIDEND", "INCOME_STATEMENT_VERSION", "BALANCE_SHEET_VERSION", "CASH_FLOW_VERSION",
                "MARKET_DATA_FETCH")) {
            warehouse.update("DELETE FROM " + table + " WHERE SYMBOL IN (" + in + ")", symbols.toArray());
        }
    }

    /** Fingerprints of the raw tables' rows of {@code symbols}, write times left out. */
    public Map<String, String> fingerprints(List<String> symbols) {
        return warehouse.fingerprints(WarehouseProbe.RAW_TABLES, WRITE_TIMES, symbols);
    }

    /** No natural key occurs twice in any raw table. */
    public void assertEveryKeyOnce() {
        KEYS.forEach((table, key) -> assertThat(warehouse.duplicateKeys(table, key))
                .as("duplicate natural keys in %s", table).isEmpty());
    }

    /**
     * Each of {@code loaded} has its profile, prices and the same quarters in all three statement
     * tables; each of {@code absent} has nothing in any of them.
     */
    public void assertConsistent(List<String> loaded, List<String> absent) {
        for (String symbol : loaded) {
            assertThat(rows("COMPANY", symbol)).as("profile of %s", symbol).isEqualTo(1);
            assertThat(rows("DAILY_PRICE", symbol)).as("prices of %s", symbol).isPositive();
            long income = rows("INCOME_STATEMENT", symbol);
            assertThat(income).as("income statements of %s", symbol).isPositive();
            assertThat(rows("BALANCE_SHEET", symbol)).as("balance sheets of %s", symbol).isEqualTo(income);
            assertThat(rows("CASH_FLOW", symbol)).as("cash flows of %s", symbol).isEqualTo(income);
            assertThat(warehouse.count("SELECT COUNT(*) FROM INCOME_STATEMENT i JOIN BALANCE_SHEET b "
                    + "ON b.SYMBOL = i.SYMBOL AND b.PERIOD_END = i.PERIOD_END JOIN CASH_FLOW c "
                    + "ON c.SYMBOL = i.SYMBOL AND c.PERIOD_END = i.PERIOD_END WHERE i.SYMBOL = ?", symbol))
                    .as("quarters of %s in all three statements", symbol).isEqualTo(income);
        }
        for (String symbol : absent) {
            for (String table : WarehouseProbe.RAW_TABLES) {
                assertThat(rows(table, symbol)).as("rows of %s in %s", symbol, table).isZero();
            }
        }
    }

    /** Symbols a step of the report lists as failed. */
    public static List<String> failedSymbols(JsonPath report, String step) {
        return report.getList("steps.find { it.step == '" + step + "' }.failedSymbols.symbol", String.class);
    }

    /** Failure reasons a step of the report gives. */
    public static List<String> failureReasons(JsonPath report, String step) {
        return report.getList("steps.find { it.step == '" + step + "' }.failedSymbols.reason", String.class);
    }

    /** A number of a step's report, e.g. {@code retries}. */
    public static long stepLong(JsonPath report, String step, String field) {
        return report.getLong("steps.find { it.step == '" + step + "' }." + field);
    }

    /** A text of a step's report, e.g. {@code status}. */
    public static String stepString(JsonPath report, String step, String field) {
        return report.getString("steps.find { it.step == '" + step + "' }." + field);
    }

    /** The sum of a number over all steps of the report. */
    public static long total(JsonPath report, String field) {
        return report.getList("steps." + field, Long.class).stream().mapToLong(Long::longValue).sum();
    }

    private long rows(String table, String symbol) {
        return warehouse.count("SELECT COUNT(*) FROM " + table + " WHERE SYMBOL = ?", symbol);
    }
}
