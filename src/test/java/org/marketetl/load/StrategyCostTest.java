package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * Where bulk starts to pay under the default weighing ({@code bulk.bytes-per-call} 64 KB): the
 * break-even points of each step, found by the same cost functions the steps choose with.
 */
class StrategyCostTest {

    private static final long BYTES_PER_CALL = 65_536;
    /** Weekdays in five years: a first load's price history. */
    private static final long FIVE_YEARS_OF_DAYS = 1_305;
    /** A first load's five years of history, and the declared dividends 90 days past the business date. */
    private static final LocalDate FIVE_YEARS_AGO = LocalDate.parse("2021-11-24");
    private static final LocalDate DECLARED_AHEAD = LocalDate.parse("2027-02-22");

    @Test
    void profiles_goByPart_fromThe1773rdSymbol() {
        assertThat(ProfileBulk.byCost(1_772, 4, BYTES_PER_CALL).bulk()).isFalse();
        assertThat(ProfileBulk.byCost(1_773, 4, BYTES_PER_CALL).bulk()).isTrue();
    }

    @Test
    void statementsOfSixYears_goByPeriod_fromThe2786thSymbol() {
        assertThat(StatementBulk.byCost(2_785, 2_785 * 24L, 28, BYTES_PER_CALL).bulk()).isFalse();
        assertThat(StatementBulk.byCost(2_786, 2_786 * 24L, 28, BYTES_PER_CALL).bulk()).isTrue();
    }

    @Test
    void fiveYearsOfPrices_stayPerSymbol_untilAQuarterOfTheMarket() {
        assertThat(priceHistoryInBulk(5_000)).isFalse();
        assertThat(priceHistoryInBulk(25_999)).isFalse();
        assertThat(priceHistoryInBulk(26_000)).isTrue();
    }

    @Test
    void fiveYearsOfDividendHistories_comeFromTheCalendarInChunks_fromThe2106thSymbol() {
        // 2021-11-24 to 90 days past 2026-11-24: 1,917 days, 22 chunks of 90 days
        assertThat(dividendHistoriesInChunks(2_105, BYTES_PER_CALL)).isFalse();
        assertThat(dividendHistoriesInChunks(2_106, BYTES_PER_CALL)).isTrue();
    }

    @Test
    void whenBytesWeighNothing_dividendHistoriesComeInChunks_asSoonAsThereAreMoreSymbolsThanChunks() {
        long free = Long.MAX_VALUE / 4;

        assertThat(dividendHistoriesInChunks(22, free)).isFalse();
        assertThat(dividendHistoriesInChunks(23, free)).isTrue();
        assertThat(DividendHistories.byCost(23, FIVE_YEARS_AGO, DECLARED_AHEAD, 90, free).reason())
                .startsWith("dividends-calendar in 22 chunks of 90 days (22 requests, ~153.4 MB) rather than "
                        + "dividends per symbol (23 requests, ~184 KB)");
    }

    @Test
    void whenBytesWeighNothing_bulkPaysAsSoonAsItTakesFewerRequests() {
        long free = Long.MAX_VALUE / 4;

        assertThat(ProfileBulk.byCost(4, 4, free).bulk()).isFalse();
        assertThat(ProfileBulk.byCost(5, 4, free).bulk()).isTrue();
        assertThat(StatementBulk.byCost(8, 32, 8, free).bulk()).isFalse();
        assertThat(StatementBulk.byCost(9, 36, 8, free).bulk()).isTrue();
    }

    @Test
    void theReason_namesBothWays_withRequestsAndBytes() {
        Strategy strategy = ProfileBulk.byCost(5_000, 4, BYTES_PER_CALL);

        assertThat(strategy.id()).isEqualTo("bulk");
        assertThat(strategy.reason()).isEqualTo("4 profile-bulk parts (4 requests, ~120.0 MB) rather than a profile "
                + "per symbol (5,000 requests, ~11.5 MB): cost 1,835 against 5,175 at 65,536 bytes a call");
    }

    private static boolean dividendHistoriesInChunks(long symbols, long bytesPerCall) {
        return DividendHistories.byCost(symbols, FIVE_YEARS_AGO, DECLARED_AHEAD, 90, bytesPerCall).bulk();
    }

    private static boolean priceHistoryInBulk(long symbols) {
        return PriceHistory.byCost(symbols, symbols * FIVE_YEARS_OF_DAYS, FIVE_YEARS_OF_DAYS, BYTES_PER_CALL).bulk();
    }
}
