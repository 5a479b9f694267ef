-- Issue 20: dividends, and the metrics built on them (dividend per share, yield, payout ratio,
-- total return).
--
-- DIVIDEND: FMP's dividends (stable dividends?symbol= and dividends-calendar), one row per symbol
-- and ex-dividend date (FMP's "date"). DIVIDEND is the amount as declared, per share as the shares
-- were on the ex-date; ADJ_DIVIDEND is FMP's split-adjusted amount, kept on the basis of DAILY_PRICE
-- (the symbol's latest split in SPLIT): the price ETL re-bases stored rows when a split arrives, as it
-- does the prices (load/PriceEtl). RECORD_DATE, PAYMENT_DATE and DECLARATION_DATE may be NULL (FMP
-- leaves them empty for some listings). YIELD is FMP's "yield" (annualised, in percent, as FMP
-- computed it), FREQUENCY FMP's text ("Quarterly", "Monthly", "Semi-Annual", "Annual", "Irregular").
-- Two dividends FMP lists on one ex-date (a regular and a special one) are one row holding their sum.
-- A declared dividend whose ex-date is still ahead may be here: it counts from its ex-date on
-- (derive/metrics.sql).
CREATE TABLE IF NOT EXISTS DIVIDEND (
    SYMBOL           VARCHAR(16)   NOT NULL,
    EX_DATE          DATE          NOT NULL,
    DIVIDEND         DECIMAL(18,8) NOT NULL,
    ADJ_DIVIDEND     DECIMAL(18,8),
    RECORD_DATE      DATE,
    PAYMENT_DATE     DATE,
    DECLARATION_DATE DATE,
    YIELD            DOUBLE,
    FREQUENCY        VARCHAR(32),
    LOADED_AT        TIMESTAMP     NOT NULL,
    PRIMARY KEY (SYMBOL, EX_DATE)
);

CREATE TABLE IF NOT EXISTS STG_DIVIDEND AS SELECT * EXCLUDE (LOADED_AT) FROM DIVIDEND WHERE 1 = 0;

-- Per symbol and trading day (derive/metrics.sql): the dividends of the trailing twelve months per
-- share on the price basis, their yield on the close, the payout ratio, and the 1-year total return.
ALTER TABLE MARKET_METRICS ADD COLUMN DIVIDEND_TTM DECIMAL(38,8);

ALTER TABLE MARKET_METRICS ADD COLUMN DIVIDEND_YIELD DOUBLE;

ALTER TABLE MARKET_METRICS ADD COLUMN PAYOUT_RATIO DOUBLE;

ALTER TABLE MARKET_METRICS ADD COLUMN TOTAL_RETURN_1Y DOUBLE;
