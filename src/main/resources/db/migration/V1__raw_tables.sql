-- Raw market data as FMP delivers it, one row per natural key.
-- Snowflake dialect that DuckDB also runs unchanged. PRIMARY KEYs document the natural keys
-- (Snowflake does not enforce them; the MERGE loads keep them unique on both warehouses).

CREATE TABLE IF NOT EXISTS COMPANY (
    SYMBOL              VARCHAR(16)   NOT NULL PRIMARY KEY,
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
    IS_ACTIVELY_TRADING BOOLEAN,
    LOADED_AT           TIMESTAMP     NOT NULL
);

CREATE TABLE IF NOT EXISTS DAILY_PRICE (
    SYMBOL         VARCHAR(16)   NOT NULL,
    PRICE_DATE     DATE          NOT NULL,
    OPEN           DECIMAL(18,4),
    HIGH           DECIMAL(18,4),
    LOW            DECIMAL(18,4),
    CLOSE          DECIMAL(18,4)  NOT NULL,
    VOLUME         DECIMAL(38,0),
    VWAP           DECIMAL(18,4),
    CHANGE_PERCENT DOUBLE,
    LOADED_AT      TIMESTAMP     NOT NULL,
    PRIMARY KEY (SYMBOL, PRICE_DATE)
);

CREATE TABLE IF NOT EXISTS INCOME_STATEMENT (
    SYMBOL                        VARCHAR(16)  NOT NULL,
    PERIOD_END                    DATE         NOT NULL,
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
    WEIGHTED_AVERAGE_SHS_OUT_DIL  DECIMAL(38,0),
    LOADED_AT                     TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);

CREATE TABLE IF NOT EXISTS BALANCE_SHEET (
    SYMBOL                    VARCHAR(16)  NOT NULL,
    PERIOD_END                DATE         NOT NULL,
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
    NET_DEBT                  DECIMAL(38,4),
    LOADED_AT                 TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);

CREATE TABLE IF NOT EXISTS CASH_FLOW (
    SYMBOL                        VARCHAR(16)  NOT NULL,
    PERIOD_END                    DATE         NOT NULL,
    FILING_DATE                   DATE,
    FISCAL_YEAR                   DECIMAL(4,0),
    PERIOD                        VARCHAR(4),
    REPORTED_CURRENCY             VARCHAR(8),
    NET_INCOME                    DECIMAL(38,4),
    DEPRECIATION_AND_AMORTIZATION DECIMAL(38,4),
    OPERATING_CASH_FLOW           DECIMAL(38,4),
    CAPITAL_EXPENDITURE           DECIMAL(38,4),
    FREE_CASH_FLOW                DECIMAL(38,4),
    DIVIDENDS_PAID                DECIMAL(38,4),
    LOADED_AT                     TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);
