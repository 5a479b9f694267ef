-- Issue 20: TTM and ratios as they were known on each day, from the statement versions.
--
-- FINANCIALS_TTM and FINANCIAL_RATIOS stay the current view (from the latest figures). The
-- *_VERSION tables beside them hold one row per version: KNOWN_FROM, the first day it was the one
-- known, KNOWN_UNTIL the day the next one was (NULL for the latest); the rule is written at the top
-- of derive/ttm-versions.sql and ratios-versions.sql. MARKET_METRICS reads them: its row for day D
-- uses the TTM version known on D, named by FINANCIALS_PERIOD_END and FINANCIALS_KNOWN_FROM.
CREATE TABLE IF NOT EXISTS FINANCIALS_TTM_VERSION AS
SELECT SYMBOL, PERIOD_END, CAST(NULL AS DATE) AS KNOWN_FROM, CAST(NULL AS DATE) AS KNOWN_UNTIL,
       * EXCLUDE (SYMBOL, PERIOD_END)
FROM FINANCIALS_TTM WHERE 1 = 0;

CREATE TABLE IF NOT EXISTS FINANCIAL_RATIOS_VERSION AS
SELECT SYMBOL, PERIOD_END, CAST(NULL AS DATE) AS KNOWN_FROM, CAST(NULL AS DATE) AS KNOWN_UNTIL,
       * EXCLUDE (SYMBOL, PERIOD_END)
FROM FINANCIAL_RATIOS WHERE 1 = 0;

ALTER TABLE MARKET_METRICS ADD COLUMN FINANCIALS_KNOWN_FROM DATE;

-- Market metrics are now computed from the versions, with dividends and exact split factors:
-- forgetting the watermarks makes the next run (of any mode) recompute every derived row.
DELETE FROM DERIVE_WATERMARK;
