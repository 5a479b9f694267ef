-- Staging tables: each load empties its table, INSERT-batches the extracted rows into it and
-- MERGEs it into the target, all in one transaction. Same columns as the targets, no LOADED_AT,
-- no keys: a staged batch may repeat a key and the MERGE source deduplicates it.

CREATE TABLE IF NOT EXISTS STG_COMPANY (
    SYMBOL              VARCHAR(16),
    COMPANY_NAME        VARCHAR(512),
    CURRENCY            VARCHAR(8),
    EXCHANGE            VARCHAR(32),
    EXCHANGE_FULL_NAME  VARCHAR(128),
    SECTOR              VARCHAR(128),
    INDUSTRY            VARCHAR(128),
    COUNTRY             VARCHAR(8),
    CIK                 VARCHAR(16),
    ISIN                VARCHAR(16),
    CUSIP               VARCHAR(16),
    CEO                 VARCHAR(256),
    WEBSITE             VARCHAR(512),
    IPO_DATE            DATE,
    FULL_TIME_EMPLOYEES DECIMAL(38,0),
    BETA                DOUBLE,
    IS_ETF              BOOLEAN,
    IS_ACTIVELY_TRADING BOOLEAN
);

CREATE TABLE IF NOT EXISTS STG_DAILY_PRICE (
    SYMBOL         VARCHAR(16),
    PRICE_DATE     DATE,
    OPEN           DECIMAL(18,4),
    HIGH           DECIMAL(18,4),
    LOW            DECIMAL(18,4),
    CLOSE          DECIMAL(18,4),
    VOLUME         DECIMAL(38,0),
    VWAP           DECIMAL(18,4),
    CHANGE_PERCENT DOUBLE
);

CREATE TABLE IF NOT EXISTS STG_INCOME_STATEMENT (
    SYMBOL                        VARCHAR(16),
    PERIOD_END                    DATE,
    FILING_DATE                   DATE,
    FISCAL_YEAR                   DECIMAL(4,0),
    PERIOD                        VARCHAR(4),
    REPORTED_CURRENCY             VARCHAR(8),
    REVENUE                       DECIMAL(38,4),
    COST_OF_REVENUE               DECIMAL(38,4),
    GROSS_PROFIT                  DECIMAL(38,4),
    OPERATING_EXPENSES            DECIMAL(38,4),
    OPERATING_INCOME              DECIMAL(38,4),
    INTEREST_EXPENSE              DECIMAL(38,4),
    DEPRECIATION_AND_AMORTIZATION DECIMAL(38,4),
    EBITDA                        DECIMAL(38,4),
    INCOME_BEFORE_TAX             DECIMAL(38,4),
    INCOME_TAX_EXPENSE            DECIMAL(38,4),
    NET_INCOME                    DECIMAL(38,4),
    EPS                           DECIMAL(18,4),
    EPS_DILUTED                   DECIMAL(18,4),
    WEIGHTED_AVERAGE_SHS_OUT      DECIMAL(38,0),
    WEIGHTED_AVERAGE_SHS_OUT_DIL  DECIMAL(38,0)
);

CREATE TABLE IF NOT EXISTS STG_BALANCE_SHEET (
    SYMBOL                    VARCHAR(16),
    PERIOD_END                DATE,
    FILING_DATE               DATE,
    FISCAL_YEAR               DECIMAL(4,0),
    PERIOD                    VARCHAR(4),
    REPORTED_CURRENCY         VARCHAR(8),
    CASH_AND_CASH_EQUIVALENTS DECIMAL(38,4),
    TOTAL_CURRENT_ASSETS      DECIMAL(38,4),
    TOTAL_ASSETS              DECIMAL(38,4),
    TOTAL_CURRENT_LIABILITIES DECIMAL(38,4),
    TOTAL_LIABILITIES         DECIMAL(38,4),
    TOTAL_EQUITY              DECIMAL(38,4),
    TOTAL_DEBT                DECIMAL(38,4),
    NET_DEBT                  DECIMAL(38,4)
);

CREATE TABLE IF NOT EXISTS STG_CASH_FLOW (
    SYMBOL                        VARCHAR(16),
    PERIOD_END                    DATE,
    FILING_DATE                   DATE,
    FISCAL_YEAR                   DECIMAL(4,0),
    PERIOD                        VARCHAR(4),
    REPORTED_CURRENCY             VARCHAR(8),
    NET_INCOME                    DECIMAL(38,4),
    DEPRECIATION_AND_AMORTIZATION DECIMAL(38,4),
    OPERATING_CASH_FLOW           DECIMAL(38,4),
    CAPITAL_EXPENDITURE           DECIMAL(38,4),
    FREE_CASH_FLOW                DECIMAL(38,4),
    DIVIDENDS_PAID                DECIMAL(38,4)
);
