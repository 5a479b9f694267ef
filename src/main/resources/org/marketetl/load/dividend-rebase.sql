-- Re-bases the split-adjusted amounts of stored dividends for new splits (issue 20), beside
-- price-rebase.sql and on the same terms: run in the price ETL's transaction before DAILY_PRICE and
-- SPLIT are merged; the new splits are the staged ones SPLIT does not hold yet, dated after the
-- symbol's last stored price day. Each stored dividend of such a symbol that this load did not stage
-- again (STG_DIVIDEND) has ADJ_DIVIDEND x the denominators / numerators of the new splits dated after
-- its ex-date (a declared dividend going ex on or after a split is on the new basis already), divided
-- once and rounded to 8 places (exact below 2^53 x 10^-8 / the denominators' product). DIVIDEND, the
-- amount as declared, never changes.
MERGE INTO DIVIDEND t
USING (
    WITH last_days AS (
        SELECT SYMBOL, MAX(PRICE_DATE) AS LAST_DATE
        FROM DAILY_PRICE
        WHERE SYMBOL IN (SELECT SYMBOL FROM STG_SPLIT)
        GROUP BY SYMBOL
    ),
    new_splits AS (
        SELECT s.SYMBOL, s.SPLIT_DATE, s.NUMERATOR, s.DENOMINATOR
        FROM STG_SPLIT s
        JOIN last_days d ON d.SYMBOL = s.SYMBOL AND s.SPLIT_DATE > d.LAST_DATE
        WHERE NOT EXISTS (SELECT 1 FROM SPLIT k WHERE k.SYMBOL = s.SYMBOL AND k.SPLIT_DATE = s.SPLIT_DATE)
    ),
    factors AS (
        SELECT v.SYMBOL, v.EX_DATE,
               CAST(ROUND(EXP(SUM(LN(CAST(n.NUMERATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS NUMERATORS,
               CAST(ROUND(EXP(SUM(LN(CAST(n.DENOMINATOR AS DOUBLE))))) AS DECIMAL(38,0)) AS DENOMINATORS
        FROM DIVIDEND v
        JOIN new_splits n ON n.SYMBOL = v.SYMBOL AND n.SPLIT_DATE > v.EX_DATE
        WHERE v.ADJ_DIVIDEND IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM STG_DIVIDEND r WHERE r.SYMBOL = v.SYMBOL AND r.EX_DATE = v.EX_DATE)
        GROUP BY v.SYMBOL, v.EX_DATE
    )
    SELECT v.SYMBOL, v.EX_DATE,
           CAST(CAST(ROUND(CAST(v.ADJ_DIVIDEND * 100000000 * f.DENOMINATORS AS DOUBLE) / CAST(f.NUMERATORS AS DOUBLE))
                     AS DECIMAL(38,0)) * CAST(0.00000001 AS DECIMAL(38,8)) AS DECIMAL(18,8)) AS ADJ_DIVIDEND
    FROM DIVIDEND v
    JOIN factors f ON f.SYMBOL = v.SYMBOL AND f.EX_DATE = v.EX_DATE
) s
ON t.SYMBOL = s.SYMBOL AND t.EX_DATE = s.EX_DATE
WHEN MATCHED THEN UPDATE SET ADJ_DIVIDEND = s.ADJ_DIVIDEND, LOADED_AT = CURRENT_TIMESTAMP
