package org.marketetl.load;

/**
 * What FMP's answers weigh, for choosing between per-symbol and bulk requests before making any:
 * estimates from FMP's own figures (issue 19: a {@code profile-bulk} part is about 30 MB; a
 * quarter's statement bulk about 18,500 rows; a day of {@code eod-bulk} about 90,000 rows) and from
 * the sizes of the JSON answers. Only their ratios matter: they decide at which universe size bulk
 * starts to pay.
 */
final class MarketSize {

    private MarketSize() {
    }

    /** One {@code profile?symbol=} answer (the description is most of it). */
    static final long PROFILE_JSON_BYTES = 2_300;
    /** One {@code profile-bulk?part=} answer: a quarter of the market's profiles. */
    static final long PROFILE_PART_BYTES = 30_000_000;

    /** One quarter of one statement in a per-symbol JSON answer (39 to 61 keys). */
    static final long STATEMENT_JSON_BYTES = 2_100;
    /** Rows of one {@code *-statement-bulk?year=&period=Qn} answer: every company filing that quarter. */
    static final long STATEMENT_BULK_ROWS = 18_500;
    /** One CSV row of a statement bulk answer, the three statements' average. */
    static final long STATEMENT_CSV_ROW_BYTES = 620;

    /** One trading day of one symbol in {@code historical-price-eod/full}. */
    static final long PRICE_JSON_DAY_BYTES = 160;
    /** Rows of one {@code eod-bulk?date=} answer: every asset of every exchange. */
    static final long EOD_BULK_ROWS = 90_000;
    /** One CSV row of {@code eod-bulk}. */
    static final long EOD_CSV_ROW_BYTES = 60;

    /** One {@code splits?symbol=} answer. */
    static final long SPLITS_JSON_BYTES = 400;
    /** One day of {@code splits-calendar}: every split of the market that day, a few. */
    static final long CALENDAR_DAY_BYTES = 1_000;

    /** One {@code dividends?symbol=} answer: a payer's history, some 35 dividends of ~230 bytes. */
    static final long DIVIDENDS_JSON_BYTES = 8_000;
    /**
     * One day of {@code dividends-calendar}: every dividend of the market going ex that day, some 350
     * of ~230 bytes (quarterly payers, monthly funds, all exchanges).
     */
    static final long DIVIDEND_CALENDAR_DAY_BYTES = 80_000;
}
