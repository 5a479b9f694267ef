-- Issue 13: stock splits and point-in-time TTM.
--
-- SPLIT: FMP's stock splits, one row per symbol and split (ex-)date. NUMERATOR / DENOMINATOR are
-- exact decimals: FMP's are not always small integers (a 1239:1000 spin-off adjustment) and may be
-- fractional. A forward 10:1 split is 10 / 1, a reverse 1:10 split is 1 / 10. DAILY_PRICE holds
-- every symbol on the basis of its latest split in this table (see load/PriceEtl), and the
-- metrics step brings share counts to that basis with these factors (derive/metrics.sql).
CREATE TABLE IF NOT EXISTS SPLIT (
    SYMBOL      VARCHAR(16)   NOT NULL,
    SPLIT_DATE  DATE          NOT NULL,
    NUMERATOR   DECIMAL(38,10) NOT NULL,
    DENOMINATOR DECIMAL(38,10) NOT NULL,
    LOADED_AT   TIMESTAMP     NOT NULL,
    PRIMARY KEY (SYMBOL, SPLIT_DATE)
);

CREATE TABLE IF NOT EXISTS STG_SPLIT AS SELECT * EXCLUDE (LOADED_AT) FROM SPLIT WHERE 1 = 0;

-- AVAILABLE_ON: the first day a TTM row (or a ratio) could be computed from published figures:
-- the latest filing date among the quarters it reads (derive/ttm.sql, ratios.sql).
ALTER TABLE FINANCIALS_TTM ADD COLUMN AVAILABLE_ON DATE;

ALTER TABLE FINANCIAL_RATIOS ADD COLUMN AVAILABLE_ON DATE;

-- Rows derived before this migration have no AVAILABLE_ON and market metrics computed without
-- split factors: forgetting the watermarks makes the next run (of any mode) recompute them all.
DELETE FROM DERIVE_WATERMARK;
