package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Price;
import org.marketetl.derive.DeriveFixtures.Quarter;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Incremental runs recompute only what changed, and end with the very tables a full refresh
 * builds from the same raw data.
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class IncrementalRecomputationTest {

    @Inject
    Warehouse warehouse;
    @Inject
    DeriveFixtures fixtures;

    @BeforeEach
    void load() {
        fixtures.clear();
        fixtures.load(MarketMetricsTest.quarters());
        fixtures.loadPrices(MarketMetricsTest.prices());
        fixtures.loadSplits(MarketMetricsTest.splits());
    }

    @Test
    void incrementalRun_changesNothing_whenNoInputChanged() {
        List<Long> first = fixtures.derive(Mode.INCREMENTAL);
        Map<String, List<String>> before = derivedTables();

        List<Long> second = fixtures.derive(Mode.INCREMENTAL);

        assertThat(first).allSatisfy(rows -> assertThat(rows).isPositive());
        assertThat(second).containsExactly(0L, 0L, 0L);
        assertThat(derivedTables()).isEqualTo(before);
    }

    @Test
    void incrementalAfterChanges_givesTheSameTablesAsAFullRefresh() {
        fixtures.derive(Mode.INCREMENTAL);

        // New data arrives: a restated quarter, a newly filed quarter, a corrected close deep in
        // WIN's history (its windows reach 252 days forward), and ten new trading days.
        List<Quarter> spl = MarketMetricsTest.quarters().stream().filter(q -> q.symbol().equals("SPL")).toList();
        fixtures.load(List.of(spl.get(1).with("REVENUE", "115").with("NET_INCOME", "15"),
                Quarter.of("SPL", "2024-06-30", TtmAndRatiosTest.base()).with("WEIGHTED_AVERAGE_SHS_OUT_DIL", "4000")));
        List<Price> newPrices = new ArrayList<>(List.of(
                Price.of("WIN", MarketMetricsTest.prices().stream().filter(p -> p.symbol().equals("WIN")).toList()
                        .get(100).date().toString(), "80")));
        for (int i = 300; i < 310; i++) {
            newPrices.add(new Price("WIN", java.time.LocalDate.parse("2022-01-01").plusDays(i),
                    MarketMetricsTest.winClose(i)));
        }
        newPrices.add(Price.of("SPL", "2024-08-01", "26"));
        fixtures.loadPrices(newPrices);
        List<Long> incremental = fixtures.derive(Mode.INCREMENTAL);
        Map<String, List<String>> afterIncremental = derivedTables();

        fixtures.derive(Mode.FULL_REFRESH);
        Map<String, List<String>> afterFullRefreshOnTop = derivedTables();
        clearDerived();
        fixtures.derive(Mode.FULL_REFRESH);
        Map<String, List<String>> fromScratch = derivedTables();

        assertThat(incremental).allSatisfy(rows -> assertThat(rows).isPositive());
        assertThat(afterFullRefreshOnTop).isEqualTo(afterIncremental);
        for (String table : DeriveFixtures.DERIVED) {
            assertThat(fromScratch.get(table)).as(table).containsExactlyElementsOf(afterIncremental.get(table));
        }
    }

    @Test
    void fullRefresh_changesNothing_whenTheTablesAreCurrent() {
        fixtures.derive(Mode.FULL_REFRESH);

        assertThat(fixtures.derive(Mode.FULL_REFRESH)).containsExactly(0L, 0L, 0L);
    }

    private Map<String, List<String>> derivedTables() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : DeriveFixtures.DERIVED) {
            tables.put(table, fixtures.contents(table));
        }
        return tables;
    }

    private void clearDerived() {
        warehouse.withSession(session -> {
            for (String table : DeriveFixtures.CLEARED_FOR_A_FULL_REFRESH) {
                session.update("DELETE FROM " + table);
            }
            return null;
        });
    }
}
