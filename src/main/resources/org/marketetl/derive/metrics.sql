-- MARKET_METRICS: per symbol and trading day, from DAILY_PRICE, FINANCIALS_TTM and SPLIT.
-- Definitions (DESIGN.md, "Dependent steps: definitions"):
--   Point in time, no look-ahead ("as of D" means published by D): the financials of day d are
--   those of the latest TTM row (by PERIOD_END) whose AVAILABLE_ON is on or before d, i.e. whose
--   quarter and the quarters its TTM sums were all filed by d (ttm.sql). Quarter q is that quarter
--   on day d when q is available by d and no quarter with a later period end is (SUPERSEDED_ON is
--   the first AVAILABLE_ON among the later quarters, 9999-12-31 when there is none). So when a
--   quarter is filed late, after the next one, the next one is not used until the late one is
--   filed too: those days keep the quarter before both. A day before any available row has no
--   financials; a row without AVAILABLE_ON is never used. FINANCIALS_PERIOD_END says which it was.
--   Price basis: DAILY_PRICE holds each symbol on the basis of its latest split in SPLIT (FMP's
--   split-adjusted prices; the price ETL re-bases a symbol's history when a split arrives).
--   Share count on that basis: statements report diluted shares as they were at the quarter, so
--   shares on the price basis = WEIGHTED_AVERAGE_SHS_OUT_DIL x SPLIT_FACTOR, SPLIT_FACTOR being
--   the product of NUMERATOR / DENOMINATOR of the symbol's splits dated after the quarter's period
--   end (1 when there are none). Equivalently: raw close(d) x shares(q) x the factors of the
--   splits between the quarter and d. The product is taken as exp(sum(ln)) and rounded to 12
--   decimal places, so 10, 1/10 and 1.239 are exact; the basis shares are kept to 6 places.
--   market cap = close x shares on the price basis of that quarter
--   enterprise value = market cap + total debt - cash and cash equivalents
--   P/E = market cap / net income TTM, NULL when TTM earnings <= 0
--   P/S = market cap / revenue TTM, P/B = market cap / total equity,
--   EV/EBITDA = enterprise value / EBITDA TTM,
--   FCF yield = (operating cash flow TTM - |capital expenditure TTM|) / market cap
--   A zero or negative denominator (or a missing input) gives NULL.
--   Windows count trading days, i.e. rows of DAILY_PRICE for the symbol, and are NULL until full:
--   52-week high / low = highest HIGH / lowest LOW (CLOSE where FMP gave none) over this day and the
--   251 before it, NULL with fewer than 252 days; 1-year return = close / close 252 trading days
--   earlier - 1, NULL without that day; volatility = stddev_samp of the 252 daily log returns
--   ln(close / previous close) ending this day x sqrt(252), NULL with fewer than 252 returns
--   (253 closes); stddev_samp is spelled out over exact sums, see exact_returns below. All on the
--   one price basis, so a split day is an ordinary day for them.
-- Incremental: a symbol is recomputed from the earliest price day loaded after this step's
-- watermark (a corrected close changes the windows of the 252 days after it), or entirely when
-- one of its TTM rows was computed, or one of its splits loaded, after the watermark (a new or
-- restated quarter, a changed filing date, or a new split moves the point-in-time boundaries or
-- the share basis; a re-based price history is reloaded anyway). The windows of the first
-- recomputed day need the 252 trading days before it: those are read too, but not written. With
-- parameter 1 = 'full-refresh' every symbol is recomputed from its first day. Only changed rows
-- are updated.
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
            SELECT SYMBOL, CAST('1900-01-01' AS DATE) AS FROM_DATE
            FROM FINANCIALS_TTM WHERE COMPUTED_AT > (SELECT LOADED_THROUGH FROM watermark)
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
    prices AS (
        SELECT p.SYMBOL, p.PRICE_DATE, p.CLOSE, c.FROM_DATE,
               COALESCE(p.HIGH, p.CLOSE) AS HIGH, COALESCE(p.LOW, p.CLOSE) AS LOW,
               LAG(p.CLOSE) OVER (PARTITION BY p.SYMBOL ORDER BY p.PRICE_DATE) AS PREVIOUS_CLOSE
        FROM DAILY_PRICE p
        JOIN changed c ON c.SYMBOL = p.SYMBOL
        LEFT JOIN lookback l ON l.SYMBOL = p.SYMBOL
        WHERE p.PRICE_DATE >= COALESCE(l.READ_FROM, c.FROM_DATE)
    ),
    returns AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, HIGH, LOW,
               CASE WHEN CLOSE > 0 AND PREVIOUS_CLOSE > 0
                    THEN LN(CAST(CLOSE AS DOUBLE) / CAST(PREVIOUS_CLOSE AS DOUBLE)) END AS LOG_RETURN
        FROM prices
    ),
    -- Each return and its square as exact decimals (18 places, as fine as a DOUBLE holds them):
    -- their sliding sums are then exact, so a day's volatility does not depend on where its window
    -- sits in the rows read, and an incremental run gives the very bits a full refresh gives.
    -- (A windowed STDDEV_SAMP over DOUBLE adds in an order that depends on that position.)
    exact_returns AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, HIGH, LOW, LOG_RETURN,
               CAST(LOG_RETURN AS DECIMAL(38,18)) AS R,
               CAST(LOG_RETURN * LOG_RETURN AS DECIMAL(38,18)) AS R_SQUARED
        FROM returns
    ),
    windows AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE,
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
                                    ROWS BETWEEN 251 PRECEDING AND CURRENT ROW) AS SUM_R_SQUARED
        FROM exact_returns
    ),
    -- stddev_samp of n = 252 returns: sqrt((sum(r^2) - sum(r)^2 / n) / (n - 1)).
    volatility AS (
        SELECT SYMBOL, PRICE_DATE, CLOSE, FROM_DATE, DAYS_IN_YEAR, YEAR_HIGH, YEAR_LOW, CLOSE_YEAR_AGO,
               CASE WHEN RETURNS_IN_YEAR >= 252
                    THEN (CAST(SUM_R_SQUARED AS DOUBLE) - CAST(SUM_R AS DOUBLE) * CAST(SUM_R AS DOUBLE) / 252) / 251
               END AS RETURN_VARIANCE
        FROM windows
    ),
    -- Per quarter, the product of the factors of the splits after its period end.
    split_factors AS (
        SELECT f.SYMBOL, f.PERIOD_END,
               CAST(ROUND(EXP(SUM(LN(CAST(s.NUMERATOR AS DOUBLE) / CAST(s.DENOMINATOR AS DOUBLE)))), 12)
                    AS DECIMAL(38,12)) AS SPLIT_FACTOR
        FROM FINANCIALS_TTM f
        JOIN changed c ON c.SYMBOL = f.SYMBOL
        JOIN SPLIT s ON s.SYMBOL = f.SYMBOL AND s.SPLIT_DATE > f.PERIOD_END
        GROUP BY f.SYMBOL, f.PERIOD_END
    ),
    quarters AS (
        SELECT f.SYMBOL, f.PERIOD_END, f.AVAILABLE_ON,
               -- 9999-12-31 for the latest quarter: the join below then needs no OR, which keeps
               -- it a hash join on SYMBOL (with an OR, DuckDB compared every price row with every
               -- quarter of every symbol: 656 s for a 5,000-symbol backfill).
               COALESCE(MIN(f.AVAILABLE_ON) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END
                                                 ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING),
                        CAST('9999-12-31' AS DATE)) AS SUPERSEDED_ON,
               CAST(f.SHARES_OUTSTANDING_DILUTED * COALESCE(sf.SPLIT_FACTOR, 1) AS DECIMAL(38,6)) AS BASIS_SHARES,
               f.TOTAL_DEBT, f.CASH_AND_CASH_EQUIVALENTS,
               CAST(f.NET_INCOME_TTM AS DOUBLE) AS NET_INCOME, CAST(f.REVENUE_TTM AS DOUBLE) AS REVENUE,
               CAST(f.TOTAL_EQUITY AS DOUBLE) AS EQUITY, CAST(f.EBITDA_TTM AS DOUBLE) AS EBITDA,
               CAST(f.OPERATING_CASH_FLOW_TTM - ABS(f.CAPITAL_EXPENDITURE_TTM) AS DOUBLE) AS FREE_CASH_FLOW
        FROM FINANCIALS_TTM f
        JOIN changed c ON c.SYMBOL = f.SYMBOL
        LEFT JOIN split_factors sf ON sf.SYMBOL = f.SYMBOL AND sf.PERIOD_END = f.PERIOD_END
        WHERE f.AVAILABLE_ON IS NOT NULL
    ),
    valued AS (
        SELECT w.SYMBOL, w.PRICE_DATE, w.CLOSE, q.PERIOD_END AS FINANCIALS_PERIOD_END,
               CAST(w.CLOSE * q.BASIS_SHARES AS DECIMAL(38,4)) AS MARKET_CAP,
               CAST(w.CLOSE * q.BASIS_SHARES + q.TOTAL_DEBT - q.CASH_AND_CASH_EQUIVALENTS
                    AS DECIMAL(38,4)) AS ENTERPRISE_VALUE,
               q.NET_INCOME, q.REVENUE, q.EQUITY, q.EBITDA, q.FREE_CASH_FLOW,
               CASE WHEN w.DAYS_IN_YEAR >= 252 THEN w.YEAR_HIGH END AS HIGH_52W,
               CASE WHEN w.DAYS_IN_YEAR >= 252 THEN w.YEAR_LOW END AS LOW_52W,
               CASE WHEN w.CLOSE_YEAR_AGO > 0
                    THEN CAST(w.CLOSE AS DOUBLE) / CAST(w.CLOSE_YEAR_AGO AS DOUBLE) - 1 END AS RETURN_1Y,
               CASE WHEN w.RETURN_VARIANCE > 0 THEN SQRT(w.RETURN_VARIANCE) * SQRT(252)
                    WHEN w.RETURN_VARIANCE IS NOT NULL THEN 0 END AS VOLATILITY_1Y
        FROM volatility w
        LEFT JOIN quarters q
          ON q.SYMBOL = w.SYMBOL AND q.AVAILABLE_ON <= w.PRICE_DATE AND w.PRICE_DATE < q.SUPERSEDED_ON
        WHERE w.PRICE_DATE >= w.FROM_DATE
    )
    SELECT SYMBOL, PRICE_DATE, CLOSE, FINANCIALS_PERIOD_END, MARKET_CAP, ENTERPRISE_VALUE,
           CASE WHEN NET_INCOME > 0 THEN CAST(MARKET_CAP AS DOUBLE) / NET_INCOME END AS PE_RATIO,
           CASE WHEN REVENUE > 0 THEN CAST(MARKET_CAP AS DOUBLE) / REVENUE END AS PS_RATIO,
           CASE WHEN EQUITY > 0 THEN CAST(MARKET_CAP AS DOUBLE) / EQUITY END AS PB_RATIO,
           CASE WHEN EBITDA > 0 THEN CAST(ENTERPRISE_VALUE AS DOUBLE) / EBITDA END AS EV_TO_EBITDA,
           CASE WHEN MARKET_CAP > 0 THEN FREE_CASH_FLOW / CAST(MARKET_CAP AS DOUBLE) END AS FCF_YIELD,
           HIGH_52W, LOW_52W, RETURN_1Y, VOLATILITY_1Y
    FROM valued
) s
ON t.SYMBOL = s.SYMBOL AND t.PRICE_DATE = s.PRICE_DATE
WHEN MATCHED AND (
       t.CLOSE IS DISTINCT FROM s.CLOSE OR t.FINANCIALS_PERIOD_END IS DISTINCT FROM s.FINANCIALS_PERIOD_END
    OR t.MARKET_CAP IS DISTINCT FROM s.MARKET_CAP OR t.ENTERPRISE_VALUE IS DISTINCT FROM s.ENTERPRISE_VALUE
    OR t.PE_RATIO IS DISTINCT FROM s.PE_RATIO OR t.PS_RATIO IS DISTINCT FROM s.PS_RATIO
    OR t.PB_RATIO IS DISTINCT FROM s.PB_RATIO OR t.EV_TO_EBITDA IS DISTINCT FROM s.EV_TO_EBITDA
    OR t.FCF_YIELD IS DISTINCT FROM s.FCF_YIELD OR t.HIGH_52W IS DISTINCT FROM s.HIGH_52W
    OR t.LOW_52W IS DISTINCT FROM s.LOW_52W OR t.RETURN_1Y IS DISTINCT FROM s.RETURN_1Y
    OR t.VOLATILITY_1Y IS DISTINCT FROM s.VOLATILITY_1Y)
THEN UPDATE SET
    CLOSE = s.CLOSE, FINANCIALS_PERIOD_END = s.FINANCIALS_PERIOD_END, MARKET_CAP = s.MARKET_CAP,
    ENTERPRISE_VALUE = s.ENTERPRISE_VALUE, PE_RATIO = s.PE_RATIO, PS_RATIO = s.PS_RATIO, PB_RATIO = s.PB_RATIO,
    EV_TO_EBITDA = s.EV_TO_EBITDA, FCF_YIELD = s.FCF_YIELD, HIGH_52W = s.HIGH_52W, LOW_52W = s.LOW_52W,
    RETURN_1Y = s.RETURN_1Y, VOLATILITY_1Y = s.VOLATILITY_1Y, COMPUTED_AT = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (
    SYMBOL, PRICE_DATE, CLOSE, FINANCIALS_PERIOD_END, MARKET_CAP, ENTERPRISE_VALUE, PE_RATIO, PS_RATIO, PB_RATIO,
    EV_TO_EBITDA, FCF_YIELD, HIGH_52W, LOW_52W, RETURN_1Y, VOLATILITY_1Y, COMPUTED_AT)
VALUES (
    s.SYMBOL, s.PRICE_DATE, s.CLOSE, s.FINANCIALS_PERIOD_END, s.MARKET_CAP, s.ENTERPRISE_VALUE, s.PE_RATIO,
    s.PS_RATIO, s.PB_RATIO, s.EV_TO_EBITDA, s.FCF_YIELD, s.HIGH_52W, s.LOW_52W, s.RETURN_1Y, s.VOLATILITY_1Y,
    CURRENT_TIMESTAMP);

-- Advance the watermark to the latest price, TTM or split row this step has now seen (same transaction).
MERGE INTO DERIVE_WATERMARK t
USING (
    SELECT 'metrics' AS STEP, MAX(LOADED_AT) AS INPUTS_LOADED_THROUGH
    FROM (
        SELECT MAX(LOADED_AT) AS LOADED_AT FROM DAILY_PRICE
        UNION ALL
        SELECT MAX(COMPUTED_AT) FROM FINANCIALS_TTM
        UNION ALL
        SELECT MAX(LOADED_AT) FROM SPLIT
    ) inputs
) s
ON t.STEP = s.STEP
WHEN MATCHED AND s.INPUTS_LOADED_THROUGH > t.INPUTS_LOADED_THROUGH THEN UPDATE SET
    INPUTS_LOADED_THROUGH = s.INPUTS_LOADED_THROUGH
WHEN NOT MATCHED AND s.INPUTS_LOADED_THROUGH IS NOT NULL THEN INSERT (STEP, INPUTS_LOADED_THROUGH)
VALUES (s.STEP, s.INPUTS_LOADED_THROUGH);
