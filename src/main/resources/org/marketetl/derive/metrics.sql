-- MARKET_METRICS: per symbol and trading day, from DAILY_PRICE, FINANCIALS_TTM_VERSION, SPLIT and
-- DIVIDEND. Definitions (DESIGN.md, "Dependent steps: definitions"):
--   Point in time, no look-ahead ("as of D" means published by D): the financials of day d are
--   those of the latest TTM row (by PERIOD_END) whose AVAILABLE_ON is on or before d, i.e. whose
--   quarter and the quarters its TTM sums were all filed by d (ttm.sql), in the version known on d
--   (FINANCIALS_TTM_VERSION, ttm-versions.sql: first as filed, each restatement from the run that
--   first saw it). Quarter q is that quarter on day d when q is available by d and no quarter with
--   a later period end is (SUPERSEDED_ON is the first AVAILABLE_ON among the later quarters,
--   9999-12-31 when there is none). So when a quarter is filed late, after the next one, the next
--   one is not used until the late one is filed too: those days keep the quarter before both. A
--   day before any available row has no financials; a row without AVAILABLE_ON is never used.
--   FINANCIALS_PERIOD_END and FINANCIALS_KNOWN_FROM say which quarter and version it was.
--   Price basis: DAILY_PRICE holds each symbol on the basis of its latest split in SPLIT (FMP's
--   split-adjusted prices; the price ETL re-bases a symbol's whole history when a split arrives).
--   Split factor of a day or quarter: the splits of the symbol dated after it, as the product of
--   their NUMERATORs over the product of their DENOMINATORs (whole numbers, in lowest terms: the
--   price ETL stores them so), each product exact (taken as exp(sum(ln)), rounded to a whole
--   number: exact while a product stays below 10^15), divided once, at the very end of each
--   figure below, so 1:7 and 3:2 give the same market cap as the exact fraction rounded once.
--   Share count on that basis: statements report diluted shares as they were at the quarter, so
--   market cap = close x WEIGHTED_AVERAGE_SHS_OUT_DIL x numerators / denominators of the splits
--   after the quarter's period end, rounded once to 4 places (half away from zero; see cap_parts).
--   enterprise value = market cap + total debt - cash and cash equivalents
--   P/E = market cap / net income TTM, NULL when TTM earnings <= 0
--   P/S = market cap / revenue TTM, P/B = market cap / total equity,
--   EV/EBITDA = enterprise value / EBITDA TTM,
--   FCF yield = (operating cash flow TTM - |capital expenditure TTM|) / market cap
--   A zero or negative denominator (or a missing input) gives NULL.
--   Dividends (DIVIDEND): a dividend counts from its ex-date on, from the first trading day on or
--   after it when it falls on a day without trading; a declared dividend whose ex-date is still
--   ahead is in no metric. Its amount per share on the price basis is DIVIDEND (as declared) x the
--   denominators / numerators of the splits dated after its ex-date, rounded to 8 places.
--   dividend TTM = the sum of those amounts with ex-date in (d - 365 days, d]
--   dividend yield = dividend TTM / close, payout ratio = dividend TTM / EPS TTM on the price basis
--   (the TTM row's EPS_TTM x the denominators / numerators of the splits after its period end),
--   NULL when that EPS <= 0 or there are no financials.
--   Windows count trading days, i.e. rows of DAILY_PRICE for the symbol, and are NULL until full:
--   52-week high / low = highest HIGH / lowest LOW (CLOSE where FMP gave none) over this day and the
--   251 before it, NULL with fewer than 252 days; 1-year return = close / close 252 trading days
--   earlier - 1, NULL without that day; 1-year total return = the same with each dividend of the
--   window (ex-date after that day, up to this one) reinvested at the close of its trading day:
--   close / close 252 days earlier x the product of (1 + dividend / close) - 1, the product taken
--   as exp of a sum of exact decimals (see exact_returns); volatility = stddev_samp of the 252 daily
--   log returns ln(close / previous close) ending this day x sqrt(252), NULL with fewer than 252
--   returns (253 closes); stddev_samp is spelled out over exact sums, see exact_returns below. All
--   on the one price basis, so a split day is an ordinary day for them.
-- Incremental: a symbol is recomputed from the earliest price day loaded after this step's
-- watermark (a corrected close changes the windows of the 252 days after it), from the earliest
-- ex-date of a dividend loaded after it (a dividend changes the days from its ex-date on), or
-- entirely when one of its TTM versions was computed, or one of its splits loaded, after the
-- watermark (a new or restated quarter, a changed filing date, or a new split moves the
-- point-in-time boundaries or the share basis; a re-based price history is reloaded anyway). The
-- windows of the first recomputed day need the 252 trading days before it: those are read too,
-- but not written. With parameter 1 = 'full-refresh' every symbol is recomputed from its first
-- day. Only changed rows are updated.
MERGE INTO MARKET_METRICS t
USING (
    WITH watermark AS (
        SELECT COALESCE(MAX(INPUTS_LOADED_THROUGH), CAST('1900-01-01 00:00:00' AS TIMESTAMP)) AS LOADED_THROUGH
        FROM DERIVE_WATERMARK
        WHERE STEP = 'metrics' AND CAST(? AS VARCHAR) <> 'full-refresh'
    ),
    changed AS (
        SELECT SYMBOL, MIN(FROM_DATE) AS FROM_DATE
        FROM (
            SELECT SYMBOL, MIN(PRICE_DATE) AS FROM_DATE
            FROM DAILY_PRICE WHERE LOADED_AT > (SELECT LOADED_THROUGH FROM watermark)
            GROUP BY SYMBOL
            UNION ALL
            SELECT SYMBOL, MIN(EX_DATE) AS FROM_DATE
            FROM DIVIDEND WHERE LOADED_AT > (SELECT LOADED_THROUGH FROM watermark)
            GROUP BY SYMBOL
            UNION ALL
            SELECT SYMBOL, CAST('1900-01-01' AS DATE) AS FROM_DATE
            FROM FINANCIALS_TTM_VERSION WHERE COMPUTED_AT > (SELECT LOADED_THROUGH FROM watermark)
            GROUP BY SYMBOL
            UNION ALL
            SELECT SYMBOL, CAST('1900-01-01' AS DATE) AS FROM_DATE
            FROM SPLIT WHERE LOADED_AT > (SELECT LOADED_THROUGH FROM watermark)
            GROUP BY SYMBOL
        ) inputs
        GROUP BY SYMBOL
    ),
    -- The first day read: 252 trading days before the first day recomputed (or the first day there is).
    lookback AS (
        SELECT SYMBOL, MIN(PRICE_DATE) AS READ_FROM
        FROM (
            SELECT p.SYMBOL, p.PRICE_DATE,
                   ROW_NUMBER() OVER (PARTITION BY p.SYMBOL ORDER BY p.PRICE_DATE DESC) AS DAYS_BEFORE
            FROM DAILY_PRICE p
            JOIN changed c ON c.SYMBOL = p.SYMBOL AND p.PRICE_DATE < c.FROM_DATE
        ) earlier
        WHERE DAYS_BEFORE <= 252
        GROUP BY SYMBOL
    ),
    -- Per dividend, the exact products of the numerators and denominators of the splits after it.
    dividend_splits AS (
        SELECT d.SYMBOL, d.EX_DATE,
               CAST(ROUND(EXP(SUM(LN(CAST(s.NUMERATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS NUMERATORS,
               CAST(ROUND(EXP(SUM(LN(CAST(s.DENOMINATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS DENOMINATORS
        FROM DIVIDEND d
        JOIN changed c ON c.SYMBOL = d.SYMBOL
        JOIN SPLIT s ON s.SYMBOL = d.SYMBOL AND s.SPLIT_DATE > d.EX_DATE
        GROUP BY d.SYMBOL, d.EX_DATE
    ),
    -- Per dividend, its amount per share on the price basis, to 8 places: DIVIDEND x denominators /
    -- numerators, divided as whole numbers (exact below 2^53 x 10^-8 = 90 million a share).
    dividends AS (
        SELECT d.SYMBOL, d.EX_DATE,
               CASE WHEN f.NUMERATORS IS NULL THEN CAST(d.DIVIDEND AS DECIMAL(38,8))
                    ELSE CAST(CAST(ROUND(CAST(d.DIVIDEND * 100000000 * f.DENOMINATORS AS DOUBLE)
                                         / CAST(f.NUMERATORS AS DOUBLE)) AS DECIMAL(38,0))
                              * CAST(0.00000001 AS DECIMAL(38,8)) AS DECIMAL(38,8))
               END AS AMOUNT
        FROM DIVIDEND d
        JOIN changed c ON c.SYMBOL = d.SYMBOL
        LEFT JOIN dividend_splits f ON f.SYMBOL = d.SYMBOL AND f.EX_DATE = d.EX_DATE
    ),
    -- Prices and dividend events on one time line per symbol. A dividend adds its amount on its
    -- ex-date (to the TTM sum and to what was paid) and takes it off the TTM sum 365 days later;
    -- events sort before the prices of their day. Running sums of exact decimals then give, at each
    -- price row, the dividend TTM and all dividends paid so far, whatever row the reading starts at.
    timeline AS (
        SELECT p.SYMBOL, p.PRICE_DATE AS ON_DAY, 1 AS IS_PRICE, p.CLOSE, c.FROM_DATE,
               COALESCE(p.HIGH, p.CLOSE) AS HIGH, COALESCE(p.LOW, p.CLOSE) AS LOW,
               CAST(0 AS DECIMAL(38,8)) AS TTM_CHANGE, CAST(0 AS DECIMAL(38,8)) AS PAID
        FROM DAILY_PRICE p
        JOIN changed c ON c.SYMBOL = p.SYMBOL
        LEFT JOIN lookback l ON l.SYMBOL = p.SYMBOL
        WHERE p.PRICE_DATE >= COALESCE(l.READ_FROM, c.FROM_DATE)
        UNION ALL
        SELECT SYMBOL, EX_DATE, 0, NULL, NULL, NULL, NULL, AMOUNT, AMOUNT FROM dividends
        UNION ALL
        SELECT SYMBOL, EX_DATE + 365, 0, NULL, NULL, NULL, NULL, -AMOUNT, CAST(0 AS DECIMAL(38,8)) FROM dividends
    ),
    running AS (
        SELECT SYMBOL, ON_DAY, IS_PRICE, CLOSE, FROM_DATE, HIGH, LOW,
               SUM(TTM_CHANGE) OVER (PARTITION BY SYMBOL ORDER BY ON_DAY, IS_PRICE
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DIVIDEND_TTM,
               SUM(PAID) OVER (PARTITION BY SYMBOL ORDER BY ON_DAY, IS_PRICE
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS PAID_SO_FAR
        FROM timeline
    ),
    -- The sums are cast back to 8 places: exact already on DuckDB and Snowflake, and on fakesnow
    -- (which sums DECIMAL as DOUBLE, in an order that depends on the rows read) the same again.
    prices AS (
        SELECT SYMBOL, ON_DAY AS PRICE_DATE, CLOSE, FROM_DATE, HIGH, LOW,
               CAST(DIVIDEND_TTM AS DECIMAL(38,8)) AS DIVIDEND_TTM,
               LAG(CLOSE) OVER (PARTITION BY SYMBOL ORDER BY ON_DAY) AS PREVIOUS_CLOSE,
               -- What went ex since the previous trading day (0 on the first row read, which is
               -- never in a window written).
               COALESCE(CAST(PAID_SO_FAR AS DECIMAL(38,8))
                        - CAST(LAG(PAID_SO_FAR) OVER (PARTITION BY SYMBOL ORDER BY ON_DAY) AS DECIMAL(38,8)),
                        CAST(0 AS DECIMAL(38,8))) AS PAID_TODAY
        FROM running
        WHERE IS_PRICE = 1
    ),
    returns AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, HIGH, LOW, DIVIDEND_TTM,
               CASE WHEN CLOSE > 0 AND PREVIOUS_CLOSE > 0
                    THEN LN(CAST(CLOSE AS DOUBLE) / CAST(PREVIOUS_CLOSE AS DOUBLE)) END AS LOG_RETURN,
               CASE WHEN PAID_TODAY > 0 AND CLOSE > 0
                    THEN LN(1 + CAST(PAID_TODAY AS DOUBLE) / CAST(CLOSE AS DOUBLE)) ELSE 0 END AS REINVESTED
        FROM prices
    ),
    -- Each return and its square as exact decimals (18 places, as fine as a DOUBLE holds them):
    -- their sliding sums are then exact, so a day's volatility does not depend on where its window
    -- sits in the rows read, and an incremental run gives the very bits a full refresh gives.
    -- (A windowed STDDEV_SAMP over DOUBLE adds in an order that depends on that position.) The
    -- log growth from reinvested dividends is summed the same way.
    exact_returns AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, HIGH, LOW, DIVIDEND_TTM, LOG_RETURN,
               CAST(LOG_RETURN AS DECIMAL(38,18)) AS R,
               CAST(LOG_RETURN * LOG_RETURN AS DECIMAL(38,18)) AS R_SQUARED,
               CAST(REINVESTED AS DECIMAL(38,18)) AS REINVESTED
        FROM returns
    ),
    windows AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, DIVIDEND_TTM,
               COUNT(*) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                              ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS DAYS_IN_YEAR,
               MAX(HIGH) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                               ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS YEAR_HIGH,
               MIN(LOW) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                              ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS YEAR_LOW,
               LAG(CLOSE, 252) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE) AS CLOSE_YEAR_AGO,
               COUNT(R) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                              ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS RETURNS_IN_YEAR,
               SUM(R) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                            ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS SUM_R,
               SUM(R_SQUARED) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                                    ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS SUM_R_SQUARED,
               SUM(REINVESTED) OVER (PARTITION BY SYMBOL ORDER BY PRICE_DATE
                                     ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS SUM_REINVESTED
        FROM exact_returns
    ),
    -- stddev_samp of n = 252 returns: sqrt((sum(r^2) - sum(r)^2 / n) / (n - 1)).
    volatility AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, DIVIDEND_TTM, DAYS_IN_YEAR, YEAR_HIGH, YEAR_LOW,
               CLOSE_YEAR_AGO, SUM_REINVESTED,
               CASE WHEN RETURNS_IN_YEAR >= 252
                    THEN (CAST(SUM_R_SQUARED AS DOUBLE) - CAST(SUM_R AS DOUBLE) * CAST(SUM_R AS DOUBLE) / 252) / 251
               END AS RETURN_VARIANCE
        FROM windows
    ),
    -- Per quarter, the exact products of the numerators and denominators of the splits after its
    -- period end.
    quarter_splits AS (
        SELECT f.SYMBOL, f.PERIOD_END,
               CAST(ROUND(EXP(SUM(LN(CAST(s.NUMERATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS NUMERATORS,
               CAST(ROUND(EXP(SUM(LN(CAST(s.DENOMINATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS DENOMINATORS
        FROM (SELECT DISTINCT v.SYMBOL, v.PERIOD_END
              FROM FINANCIALS_TTM_VERSION v JOIN changed c ON c.SYMBOL = v.SYMBOL) f
        JOIN SPLIT s ON s.SYMBOL = f.SYMBOL AND s.SPLIT_DATE > f.PERIOD_END
        GROUP BY f.SYMBOL, f.PERIOD_END
    ),
    quarters AS (
        SELECT SYMBOL, PERIOD_END, AVAILABLE_ON,
               -- 9999-12-31 for the latest quarter: the join below then needs no OR, which keeps
               -- it a hash join on SYMBOL (with an OR, DuckDB compared every price row with every
               -- quarter of every symbol: 656 s for a 5,000-symbol backfill).
               COALESCE(MIN(AVAILABLE_ON) OVER (PARTITION BY SYMBOL ORDER BY PERIOD_END
                                               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING),
                        CAST('9999-12-31' AS DATE)) AS SUPERSEDED_ON
        FROM (SELECT DISTINCT v.SYMBOL, v.PERIOD_END, v.AVAILABLE_ON
              FROM FINANCIALS_TTM_VERSION v JOIN changed c ON c.SYMBOL = v.SYMBOL
              WHERE v.AVAILABLE_ON IS NOT NULL) q
    ),
    -- Each TTM version on the days it is the one used: its quarter is the latest available and it
    -- is the version known, from KNOWN_FROM until the next version or the next quarter.
    segments AS (
        SELECT v.SYMBOL, v.PERIOD_END, v.KNOWN_FROM,
               CASE WHEN v.KNOWN_UNTIL IS NOT NULL AND v.KNOWN_UNTIL < q.SUPERSEDED_ON THEN v.KNOWN_UNTIL
                    ELSE q.SUPERSEDED_ON END AS USED_UNTIL,
               v.SHARES_OUTSTANDING_DILUTED AS SHARES,
               COALESCE(sf.NUMERATORS, CAST(1 AS DECIMAL(38,0))) AS NUMERATORS,
               COALESCE(sf.DENOMINATORS, CAST(1 AS DECIMAL(38,0))) AS DENOMINATORS,
               v.TOTAL_DEBT, v.CASH_AND_CASH_EQUIVALENTS,
               CAST(v.NET_INCOME_TTM AS DOUBLE) AS NET_INCOME, CAST(v.REVENUE_TTM AS DOUBLE) AS REVENUE,
               CAST(v.TOTAL_EQUITY AS DOUBLE) AS EQUITY, CAST(v.EBITDA_TTM AS DOUBLE) AS EBITDA,
               CAST(v.OPERATING_CASH_FLOW_TTM - ABS(v.CAPITAL_EXPENDITURE_TTM) AS DOUBLE) AS FREE_CASH_FLOW,
               CAST(v.EPS_TTM AS DOUBLE) * CAST(COALESCE(sf.DENOMINATORS, 1) AS DOUBLE)
                   / CAST(COALESCE(sf.NUMERATORS, 1) AS DOUBLE) AS BASIS_EPS
        FROM FINANCIALS_TTM_VERSION v
        JOIN quarters q ON q.SYMBOL = v.SYMBOL AND q.PERIOD_END = v.PERIOD_END
        LEFT JOIN quarter_splits sf ON sf.SYMBOL = v.SYMBOL AND sf.PERIOD_END = v.PERIOD_END
        WHERE v.KNOWN_FROM < q.SUPERSEDED_ON
    ),
    valued AS (
        SELECT w.SYMBOL, w.PRICE_DATE, w.CLOSE, q.PERIOD_END AS FINANCIALS_PERIOD_END,
               q.KNOWN_FROM AS FINANCIALS_KNOWN_FROM,
               -- The market cap before its one division: close x shares x the split numerators.
               w.CLOSE * q.SHARES * q.NUMERATORS AS CAP_NUMERATOR, q.DENOMINATORS AS CAP_DENOMINATOR,
               q.TOTAL_DEBT, q.CASH_AND_CASH_EQUIVALENTS,
               q.NET_INCOME, q.REVENUE, q.EQUITY, q.EBITDA, q.FREE_CASH_FLOW, q.BASIS_EPS, w.DIVIDEND_TTM,
               CASE WHEN w.DAYS_IN_YEAR >= 252 THEN w.YEAR_HIGH END AS HIGH_52W,
               CASE WHEN w.DAYS_IN_YEAR >= 252 THEN w.YEAR_LOW END AS LOW_52W,
               CASE WHEN w.CLOSE_YEAR_AGO > 0
                    THEN CAST(w.CLOSE AS DOUBLE) / CAST(w.CLOSE_YEAR_AGO AS DOUBLE) - 1 END AS RETURN_1Y,
               CASE WHEN w.CLOSE_YEAR_AGO > 0
                    THEN CAST(w.CLOSE AS DOUBLE) / CAST(w.CLOSE_YEAR_AGO AS DOUBLE)
                         * EXP(CAST(w.SUM_REINVESTED AS DOUBLE)) - 1 END AS TOTAL_RETURN_1Y,
               CASE WHEN w.RETURN_VARIANCE > 0 THEN SQRT(w.RETURN_VARIANCE) * SQRT(252)
                    WHEN w.RETURN_VARIANCE IS NOT NULL THEN 0 END AS VOLATILITY_1Y
        FROM volatility w
        LEFT JOIN segments q
          ON q.SYMBOL = w.SYMBOL AND q.KNOWN_FROM <= w.PRICE_DATE AND w.PRICE_DATE < q.USED_UNTIL
        WHERE w.PRICE_DATE >= w.FROM_DATE
    ),
    -- The one division of the market cap, exact on both warehouses (DuckDB divides DECIMALs as
    -- DOUBLE): N / D = (whole part of N, less its remainder by D) / D, an exact whole quotient,
    -- plus (that remainder and N's fraction) / D rounded to 4 places, a DOUBLE division of whole
    -- numbers below 10^10 that rounds exactly as the fraction does.
    cap_parts AS (
        SELECT v.*, CAST(TRUNC(CAP_NUMERATOR) AS DECIMAL(38,0)) AS CAP_WHOLE
        FROM valued v
    ),
    capitalised AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FINANCIALS_PERIOD_END, FINANCIALS_KNOWN_FROM,
               CAST(CAST((CAP_WHOLE - MOD(CAP_WHOLE, CAP_DENOMINATOR)) / CAP_DENOMINATOR AS DECIMAL(38,0))
                    + CAST(ROUND(CAST((MOD(CAP_WHOLE, CAP_DENOMINATOR) + (CAP_NUMERATOR - CAP_WHOLE)) * 10000 AS DOUBLE)
                                 / CAST(CAP_DENOMINATOR AS DOUBLE)) AS DECIMAL(38,0))
                      * CAST(0.0001 AS DECIMAL(38,4)) AS DECIMAL(38,4)) AS MARKET_CAP,
               TOTAL_DEBT, CASH_AND_CASH_EQUIVALENTS, NET_INCOME, REVENUE, EQUITY, EBITDA, FREE_CASH_FLOW,
               BASIS_EPS, DIVIDEND_TTM, HIGH_52W, LOW_52W, RETURN_1Y, TOTAL_RETURN_1Y, VOLATILITY_1Y
        FROM cap_parts
    ),
    priced AS (
        SELECT c.*, CAST(MARKET_CAP + TOTAL_DEBT - CASH_AND_CASH_EQUIVALENTS AS DECIMAL(38,4)) AS ENTERPRISE_VALUE
        FROM capitalised c
    )
    SELECT SYMBOL, PRICE_DATE, CLOSE, FINANCIALS_PERIOD_END, MARKET_CAP, ENTERPRISE_VALUE,
           CASE WHEN NET_INCOME > 0 THEN CAST(MARKET_CAP AS DOUBLE) / NET_INCOME END AS PE_RATIO,
           CASE WHEN REVENUE > 0 THEN CAST(MARKET_CAP AS DOUBLE) / REVENUE END AS PS_RATIO,
           CASE WHEN EQUITY > 0 THEN CAST(MARKET_CAP AS DOUBLE) / EQUITY END AS PB_RATIO,
           CASE WHEN EBITDA > 0 THEN CAST(ENTERPRISE_VALUE AS DOUBLE) / EBITDA END AS EV_TO_EBITDA,
           CASE WHEN MARKET_CAP > 0 THEN FREE_CASH_FLOW / CAST(MARKET_CAP AS DOUBLE) END AS FCF_YIELD,
           HIGH_52W, LOW_52W, RETURN_1Y, VOLATILITY_1Y,
           CAST(DIVIDEND_TTM AS DECIMAL(38,8)) AS DIVIDEND_TTM,
           CASE WHEN CLOSE > 0 THEN CAST(DIVIDEND_TTM AS DOUBLE) / CAST(CLOSE AS DOUBLE) END AS DIVIDEND_YIELD,
           CASE WHEN BASIS_EPS > 0 THEN CAST(DIVIDEND_TTM AS DOUBLE) / BASIS_EPS END AS PAYOUT_RATIO,
           TOTAL_RETURN_1Y, FINANCIALS_KNOWN_FROM
    FROM priced
) s
ON t.SYMBOL = s.SYMBOL AND t.PRICE_DATE = s.PRICE_DATE
WHEN MATCHED AND (
       t.CLOSE IS DISTINCT FROM s.CLOSE OR t.FINANCIALS_PERIOD_END IS DISTINCT FROM s.FINANCIALS_PERIOD_END
    OR t.MARKET_CAP IS DISTINCT FROM s.MARKET_CAP OR t.ENTERPRISE_VALUE IS DISTINCT FROM s.ENTERPRISE_VALUE
    OR t.PE_RATIO IS DISTINCT FROM s.PE_RATIO OR t.PS_RATIO IS DISTINCT FROM s.PS_RATIO
    OR t.PB_RATIO IS DISTINCT FROM s.PB_RATIO OR t.EV_TO_EBITDA IS DISTINCT FROM s.EV_TO_EBITDA
    OR t.FCF_YIELD IS DISTINCT FROM s.FCF_YIELD OR t.HIGH_52W IS DISTINCT FROM s.HIGH_52W
    OR t.LOW_52W IS DISTINCT FROM s.LOW_52W OR t.RETURN_1Y IS DISTINCT FROM s.RETURN_1Y
    OR t.VOLATILITY_1Y IS DISTINCT FROM s.VOLATILITY_1Y OR t.DIVIDEND_TTM IS DISTINCT FROM s.DIVIDEND_TTM
    OR t.DIVIDEND_YIELD IS DISTINCT FROM s.DIVIDEND_YIELD OR t.PAYOUT_RATIO IS DISTINCT FROM s.PAYOUT_RATIO
    OR t.TOTAL_RETURN_1Y IS DISTINCT FROM s.TOTAL_RETURN_1Y
    OR t.FINANCIALS_KNOWN_FROM IS DISTINCT FROM s.FINANCIALS_KNOWN_FROM)
THEN UPDATE SET
    CLOSE = s.CLOSE, FINANCIALS_PERIOD_END = s.FINANCIALS_PERIOD_END, MARKET_CAP = s.MARKET_CAP,
    ENTERPRISE_VALUE = s.ENTERPRISE_VALUE, PE_RATIO = s.PE_RATIO, PS_RATIO = s.PS_RATIO, PB_RATIO = s.PB_RATIO,
    EV_TO_EBITDA = s.EV_TO_EBITDA, FCF_YIELD = s.FCF_YIELD, HIGH_52W = s.HIGH_52W, LOW_52W = s.LOW_52W,
    RETURN_1Y = s.RETURN_1Y, VOLATILITY_1Y = s.VOLATILITY_1Y, DIVIDEND_TTM = s.DIVIDEND_TTM,
    DIVIDEND_YIELD = s.DIVIDEND_YIELD, PAYOUT_RATIO = s.PAYOUT_RATIO, TOTAL_RETURN_1Y = s.TOTAL_RETURN_1Y,
    FINANCIALS_KNOWN_FROM = s.FINANCIALS_KNOWN_FROM, COMPUTED_AT = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (
    SYMBOL, PRICE_DATE, CLOSE, FINANCIALS_PERIOD_END, MARKET_CAP, ENTERPRISE_VALUE, PE_RATIO, PS_RATIO, PB_RATIO,
    EV_TO_EBITDA, FCF_YIELD, HIGH_52W, LOW_52W, RETURN_1Y, VOLATILITY_1Y, DIVIDEND_TTM, DIVIDEND_YIELD,
    PAYOUT_RATIO, TOTAL_RETURN_1Y, FINANCIALS_KNOWN_FROM, COMPUTED_AT)
VALUES (
    s.SYMBOL, s.PRICE_DATE, s.CLOSE, s.FINANCIALS_PERIOD_END, s.MARKET_CAP, s.ENTERPRISE_VALUE, s.PE_RATIO,
    s.PS_RATIO, s.PB_RATIO, s.EV_TO_EBITDA, s.FCF_YIELD, s.HIGH_52W, s.LOW_52W, s.RETURN_1Y, s.VOLATILITY_1Y,
    s.DIVIDEND_TTM, s.DIVIDEND_YIELD, s.PAYOUT_RATIO, s.TOTAL_RETURN_1Y, s.FINANCIALS_KNOWN_FROM,
    CURRENT_TIMESTAMP);

-- Advance the watermark to the latest price, dividend, TTM version or split row this step has now
-- seen (same transaction).
MERGE INTO DERIVE_WATERMARK t
USING (
    SELECT 'metrics' AS STEP, MAX(LOADED_AT) AS INPUTS_LOADED_THROUGH
    FROM (
        SELECT MAX(LOADED_AT) AS LOADED_AT FROM DAILY_PRICE
        UNION ALL
        SELECT MAX(LOADED_AT) FROM DIVIDEND
        UNION ALL
        SELECT MAX(COMPUTED_AT) FROM FINANCIALS_TTM_VERSION
        UNION ALL
        SELECT MAX(LOADED_AT) FROM SPLIT
    ) inputs
) s
ON t.STEP = s.STEP
WHEN MATCHED AND s.INPUTS_LOADED_THROUGH > t.INPUTS_LOADED_THROUGH THEN UPDATE SET
    INPUTS_LOADED_THROUGH = s.INPUTS_LOADED_THROUGH
WHEN NOT MATCHED AND s.INPUTS_LOADED_THROUGH IS NOT NULL THEN INSERT (STEP, INPUTS_LOADED_THROUGH)
VALUES (s.STEP, s.INPUTS_LOADED_THROUGH);
