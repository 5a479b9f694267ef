-- Re-bases the stored prices a new split's refetch did not cover (issue 20). When a split arrives
-- the price ETL fetches the symbol's history again from its first stored day, but FMP serves only a
-- limited depth (5 years on the Basic and Starter plans): the stored rows older than that would
-- stay on the old basis. Run in the price ETL's transaction after the staging tables are loaded and
-- before DAILY_PRICE and SPLIT are merged, this scales them by the new splits' factor:
--   new splits: staged splits (STG_SPLIT) that SPLIT does not hold yet, dated after the symbol's
--   last stored price day (its stored rows are on the basis of the splits before that day);
--   rows: the symbol's stored rows this load did not stage again (STG_DAILY_PRICE);
--   factor: the product of the new splits' numerators over the product of their denominators
--   (whole numbers in lowest terms, SplitRows; the products exact below 10^15);
--   OPEN, HIGH, LOW, CLOSE, VWAP x denominators / numerators, VOLUME x numerators / denominators,
--   each divided once and rounded to its column's places, half away from zero (a DOUBLE division of
--   whole numbers below 2^53, exact: prices below 10^5 / the denominators' product, volumes below
--   2^53 / the numerators'). CHANGE_PERCENT is a ratio, the same on any basis.
-- A scaled row can differ from what FMP would serve for that day on the new basis by one unit of its
-- last place (FMP rounds the unrounded price once, this rounds a rounded one again); FMP no longer
-- serves those days, so nothing better is known. LOADED_AT moves, as for any changed row.
MERGE INTO DAILY_PRICE t
USING (
    WITH last_days AS (
        SELECT SYMBOL, MAX(PRICE_DATE) AS LAST_DATE
        FROM DAILY_PRICE
        WHERE SYMBOL IN (SELECT SYMBOL FROM STG_SPLIT)
        GROUP BY SYMBOL
    ),
    factors AS (
        SELECT s.SYMBOL,
               CAST(ROUND(EXP(SUM(LN(CAST(s.NUMERATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS NUMERATORS,
               CAST(ROUND(EXP(SUM(LN(CAST(s.DENOMINATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS DENOMINATORS
        FROM STG_SPLIT s
        JOIN last_days d ON d.SYMBOL = s.SYMBOL AND s.SPLIT_DATE > d.LAST_DATE
        WHERE NOT EXISTS (SELECT 1 FROM SPLIT k WHERE k.SYMBOL = s.SYMBOL AND k.SPLIT_DATE = s.SPLIT_DATE)
        GROUP BY s.SYMBOL
    )
    SELECT p.SYMBOL, p.PRICE_DATE,
           CAST(CAST(ROUND(CAST(p.OPEN * 10000 * f.DENOMINATORS AS DOUBLE) / CAST(f.NUMERATORS AS DOUBLE))
                     AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4)) AS DECIMAL(18,4)) AS OPEN,
           CAST(CAST(ROUND(CAST(p.HIGH * 10000 * f.DENOMINATORS AS DOUBLE) / CAST(f.NUMERATORS AS DOUBLE))
                     AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4)) AS DECIMAL(18,4)) AS HIGH,
           CAST(CAST(ROUND(CAST(p.LOW * 10000 * f.DENOMINATORS AS DOUBLE) / CAST(f.NUMERATORS AS DOUBLE))
                     AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4)) AS DECIMAL(18,4)) AS LOW,
           CAST(CAST(ROUND(CAST(p.CLOSE * 10000 * f.DENOMINATORS AS DOUBLE) / CAST(f.NUMERATORS AS DOUBLE))
                     AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4)) AS DECIMAL(18,4)) AS CLOSE,
           CAST(ROUND(CAST(p.VOLUME * f.NUMERATORS AS DOUBLE) / CAST(f.DENOMINATORS AS DOUBLE)) AS DECIMAL(38,0))
               AS VOLUME,
           CAST(CAST(ROUND(CAST(p.VWAP * 10000 * f.DENOMINATORS AS DOUBLE) / CAST(f.NUMERATORS AS DOUBLE))
                     AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4)) AS DECIMAL(18,4)) AS VWAP
    FROM DAILY_PRICE p
    JOIN factors f ON f.SYMBOL = p.SYMBOL
    WHERE NOT EXISTS (SELECT 1 FROM STG_DAILY_PRICE r WHERE r.SYMBOL = p.SYMBOL AND r.PRICE_DATE = p.PRICE_DATE)
) s
ON t.SYMBOL = s.SYMBOL AND t.PRICE_DATE = s.PRICE_DATE
WHEN MATCHED THEN UPDATE SET
    OPEN = s.OPEN, HIGH = s.HIGH, LOW = s.LOW, CLOSE = s.CLOSE, VOLUME = s.VOLUME, VWAP = s.VWAP,
    LOADED_AT = CURRENT_TIMESTAMP
