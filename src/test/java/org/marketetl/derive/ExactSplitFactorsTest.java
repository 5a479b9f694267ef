package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Dividend;
import org.marketetl.derive.DeriveFixtures.Price;
import org.marketetl.derive.DeriveFixtures.Quarter;
import org.marketetl.derive.DeriveFixtures.Split;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Split factors that are no finite decimal stay exact: market cap is close x filed shares x the
 * product of the numerators / the product of the denominators, divided once and rounded once to
 * the cent's hundredth, whatever the ratios. SEV splits 1:7, TRI 3:2, BOTH 3:2 and then 1:7 (3/14),
 * all after their latest quarter (2024-03-31, 15,550,061,000 diluted shares, like a large company);
 * TIE splits 3:2 with 1,000,001 shares and a close whose market cap ends in exactly half a unit of
 * the fourth place. Each pays a dividend of 1.00 (SEV 0.10) declared before its splits.
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class ExactSplitFactorsTest {

    private static final String DAY = "2024-07-15";
    private static final long LARGE = 15_550_061_000L;

    @Inject
    DeriveFixtures fixtures;

    @BeforeEach
    void load() {
        fixtures.clear();
        List<Quarter> quarters = new ArrayList<>();
        for (String symbol : List.of("SEV", "TRI", "BOTH")) {
            quarters.addAll(TtmAndRatiosTest.calendarYear(symbol, List.of(LARGE, LARGE, LARGE, LARGE, LARGE)));
        }
        quarters.addAll(TtmAndRatiosTest.calendarYear("TIE",
                List.of(1_000_001L, 1_000_001L, 1_000_001L, 1_000_001L, 1_000_001L)));
        fixtures.load(quarters);
        fixtures.loadSplits(List.of(Split.of("SEV", "2024-06-03", "1", "7"), Split.of("TRI", "2024-06-03", "3", "2"),
                Split.of("BOTH", "2024-06-03", "3", "2"), Split.of("BOTH", "2024-07-01", "1", "7"),
                Split.of("TIE", "2024-06-03", "3", "2")));
        fixtures.loadPrices(List.of(Price.of("SEV", DAY, "187.3319"), Price.of("TRI", DAY, "187.3319"),
                Price.of("BOTH", DAY, "187.3319"), Price.of("TIE", DAY, "10.0001")));
        fixtures.loadDividends(List.of(Dividend.of("SEV", "2024-05-15", "0.10"), Dividend.of("TRI", "2024-05-15", "1.00"),
                Dividend.of("BOTH", "2024-05-15", "1.00"), Dividend.of("TIE", "2024-05-15", "1.00")));
        fixtures.derive(Mode.INCREMENTAL);
    }

    @Test
    void oneForSeven_marketCapIsTheExactFractionRoundedOnce() {
        // 187.3319 x 15,550,061,000 / 7 = 416,146,067,463.7000 (a factor rounded to 12 places gave .2838).
        assertMarketCap("SEV", "187.3319", LARGE, 1, 7, "416146067463.7000");
    }

    @Test
    void threeForTwo_marketCapIsTheExactFractionRoundedOnce() {
        assertMarketCap("TRI", "187.3319", LARGE, 3, 2, "4369533708368.8500");
    }

    @Test
    void twoSplits_multiplyTheirNumeratorsAndTheirDenominators_beforeTheOneDivision() {
        // 3/2 x 1/7 = 3/14.
        assertMarketCap("BOTH", "187.3319", LARGE, 3, 14, null);
    }

    @Test
    void halfAUnitOfTheLastPlace_roundsAwayFromZero() {
        // 10.0001 x 1,000,001 x 3 / 2 = 15,000,165.00015.
        assertMarketCap("TIE", "10.0001", 1_000_001L, 3, 2, "15000165.0002");
    }

    @Test
    void dividendsDeclaredBeforeTheSplits_areOnThePriceBasisTo8Places() {
        assertDividendTtm("SEV", "0.70"); // 0.10 x 7 / 1
        assertDividendTtm("TRI", "0.66666667"); // 1.00 x 2 / 3
        assertDividendTtm("BOTH", "4.66666667"); // 1.00 x 14 / 3
    }

    private void assertMarketCap(String symbol, String close, long shares, int numerators, int denominators,
            String handFigure) {
        BigDecimal exact = new BigDecimal(close).multiply(BigDecimal.valueOf(shares))
                .multiply(BigDecimal.valueOf(numerators))
                .divide(BigDecimal.valueOf(denominators), 4, RoundingMode.HALF_UP);
        if (handFigure != null) {
            assertThat(exact).isEqualByComparingTo(handFigure);
        }
        Map<String, Object> row = fixtures.row("MARKET_METRICS", "PRICE_DATE", symbol, DAY);
        assertThat(new BigDecimal(row.get("MARKET_CAP").toString())).as(symbol).isEqualByComparingTo(exact);
        // Total debt 200, cash 50 (TtmAndRatiosTest.calendarYear).
        assertThat(new BigDecimal(row.get("ENTERPRISE_VALUE").toString())).as(symbol)
                .isEqualByComparingTo(exact.add(BigDecimal.valueOf(150)));
    }

    private void assertDividendTtm(String symbol, String expected) {
        Map<String, Object> row = fixtures.row("MARKET_METRICS", "PRICE_DATE", symbol, DAY);
        assertThat(new BigDecimal(row.get("DIVIDEND_TTM").toString())).as(symbol).isEqualByComparingTo(expected);
    }
}
