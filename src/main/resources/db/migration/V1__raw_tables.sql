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
    FULL_TIME_EMPLOYEES NUMBER(38,0),
    BETA                DOUBLE,
    IS_ETF              BOOLEAN,
    IS_ACTIVELY_TRADING BOOLEAN,
    LOADED_AT           TIMESTAMP     NOT NULL
);

CREATE TABLE IF NOT EXISTS DAILY_PRICE (
    SYMBOL         VARCHAR(16)   NOT NULL,
    PRICE_DATE     DATE          NOT NULL,
    OPEN           NUMBER(18,4),
    HIGH           NUMBER(18,4),
    LOW            NUMBER(18,4),
    CLOSE          NUMBER(18,4)  NOT NULL,
    VOLUME         NUMBER(38,0),
    VWAP           NUMBER(18,4),
    CHANGE_PERCENT DOUBLE,
    LOADED_AT      TIMESTAMP     NOT NULL,
    PRIMARY KEY (SYMBOL, PRICE_DATE)
);

CREATE TABLE IF NOT EXISTS INCOME_STATEMENT (
    SYMBOL                        VARCHAR(16)  NOT NULL,
    PERIOD_END                    DATE         NOT NULL,
    FILING_DATE                   DATE,
    FISCAL_YEAR                   NUMBER(4,0),
    PERIOD                        VARCHAR(4),
    REPORTED_CURRENCY             VARCHAR(8),
    REVENUE                       NUMBER(38,4),
    COST_OF_REVENUE               NUMBER(38,4),
    GROSS_PROFIT                  NUMBER(38,4),
    OPERATING_EXPENSES            NUMBER(38,4),
    OPERATING_INCOME              NUMBER(38,4),
    INTEREST_EXPENSE              NUMBER(38,4),
    DEPRECIATION_AND_AMORTIZATION NUMBER(38,4),
    EBITDA                        NUMBER(38,4),
    INCOME_BEFORE_TAX             NUMBER(38,4),
    INCOME_TAX_EXPENSE            NUMBER(38,4),
    NET_INCOME                    NUMBER(38,4),
    EPS                           NUMBER(18,4),
    EPS_DILUTED                   NUMBER(18,4),
    WEIGHTED_AVERAGE_SHS_OUT      NUMBER(38,0),
    WEIGHTED_AVERAGE_SHS_OUT_DIL  NUMBER(38,0),
    LOADED_AT                     TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);

CREATE TABLE IF NOT EXISTS BALANCE_SHEET (
    SYMBOL                    VARCHAR(16)  NOT NULL,
    PERIOD_END                DATE         NOT NULL,
    FILING_DATE               DATE,
    FISCAL_YEAR               NUMBER(4,0),
    PERIOD                    VARCHAR(4),
    REPORTED_CURRENCY         VARCHAR(8),
    CASH_AND_CASH_EQUIVALENTS NUMBER(38,4),
    TOTAL_CURRENT_ASSETS      NUMBER(38,4),
    TOTAL_ASSETS              NUMBER(38,4),
    TOTAL_CURRENT_LIABILITIES NUMBER(38,4),
    TOTAL_LIABILITIES         NUMBER(38,4),
    TOTAL_EQUITY              NUMBER(38,4),
    TOTAL_DEBT                NUMBER(38,4),
    NET_DEBT                  NUMBER(38,4),
    LOADED_AT                 TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);

CREATE TABLE IF NOT EXISTS CASH_FLOW (
    SYMBOL                        VARCHAR(16)  NOT NULL,
    PERIOD_END                    DATE         NOT NULL,
    FILING_DATE                   DATE,
    FISCAL_YEAR                   NUMBER(4,0),
    PERIOD                        VARCHAR(4),
    REPORTED_CURRENCY             VARCHAR(8),
    NET_INCOME                    NUMBER(38,4),
    DEPRECIATION_AND_AMORTIZATION NUMBER(38,4),
    OPERATING_CASH_FLOW           NUMBER(38,4),
    CAPITAL_EXPENDITURE           NUMBER(38,4),
    FREE_CASH_FLOW                NUMBER(38,4),
    DIVIDENDS_PAID                NUMBER(38,4),
    LOADED_AT                     TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);
