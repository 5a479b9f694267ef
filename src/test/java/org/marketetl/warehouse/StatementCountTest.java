package org.marketetl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The warehouse sees a fixed number of statements per run, whatever the number of symbols: each
 * staging table is loaded from one stage file, and each target table gets one MERGE.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class StatementCountTest {

    @Test
    void statementsPerRun_areTheSameFor5And50Symbols() {
        long forFive = statementsFor(symbols("F", 5));
        long forFifty = statementsFor(symbols("G", 50));

        assertThat(forFifty).isEqualTo(forFive);
        // On Snowflake (fakesnow) 32: per staged table DELETE, PUT, COPY, MERGE (company, prices,
        // dividends, three statements: 24), a version MERGE per statement table (3), the fetch log
        // of profiles, statements and dividend histories (3), the loaded days (1), the delisted
        // symbols of the universe (1, SECURITY with the fetch log).
        assertThat(forFive).isLessThanOrEqualTo(32);
    }

    /** A backfill of the last two weeks for symbols the warehouse has not seen. */
    private static long statementsFor(List<String> symbols) {
        String request = "{\"mode\":\"backfill\",\"startDate\":\"2026-11-10\",\"steps\":[\"company\",\"price\",\"financial\"],"
                + "\"symbols\":[" + symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
        JsonPath report = new JsonPath(Lambda.invoke(request).then().statusCode(200).extract().asString());
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("SUCCEEDED");
        assertThat(report.getInt("symbols")).isEqualTo(symbols.size());
        return report.getLong("warehouseStatements");
    }

    private static List<String> symbols(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "SYM" + i).toList();
    }
}
