-- Derived tables, written only by the dependent steps (derive/*.sql). Definitions: DESIGN.md,
-- "Dependent steps: definitions", repeated next to each step's SQL.

CREATE TABLE IF NOT EXISTS FINANCIALS_TTM (
    SYMBOL                            VARCHAR(16)  NOT NULL,
    PERIOD_END                        DATE         NOT NULL,
    FILING_DATE                       DATE,
    REVENUE_TTM                       DECIMAL(38,4),
    GROSS_PROFIT_TTM                  DECIMAL(38,4),
    OPERATING_INCOME_TTM              DECIMAL(38,4),
    NET_INCOME_TTM                    DECIMAL(38,4),
    EBITDA_TTM                        DECIMAL(38,4),
    EPS_TTM                           DECIMAL(18,4),
    EPS_DILUTED_TTM                   DECIMAL(18,4),
    INTEREST_EXPENSE_TTM              DECIMAL(38,4),
    DEPRECIATION_AND_AMORTIZATION_TTM DECIMAL(38,4),
    OPERATING_CASH_FLOW_TTM           DECIMAL(38,4),
    CAPITAL_EXPENDITURE_TTM           DECIMAL(38,4),
    FREE_CASH_FLOW_TTM                DECIMAL(38,4),
    TOTAL_ASSETS                      DECIMAL(38,4),
    TOTAL_EQUITY                      DECIMAL(38,4),
    TOTAL_DEBT                        DECIMAL(38,4),
    CASH_AND_CASH_EQUIVALENTS         DECIMAL(38,4),
    TOTAL_CURRENT_ASSETS              DECIMAL(38,4),
    TOTAL_CURRENT_LIABILITIES         DECIMAL(38,4),
    SHARES_OUTSTANDING_DILUTED        DECIMAL(38,0),
    COMPUTED_AT                       TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);

CREATE TABLE IF NOT EXISTS FINANCIAL_RATIOS (
    SYMBOL            VARCHAR(16)  NOT NULL,
    PERIOD_END        DATE         NOT NULL,
    GROSS_MARGIN      DOUBLE,
    OPERATING_MARGIN  DOUBLE,
    NET_MARGIN        DOUBLE,
    ROE               DOUBLE,
    ROA               DOUBLE,
    CURRENT_RATIO     DOUBLE,
    DEBT_TO_EQUITY    DOUBLE,
    INTEREST_COVERAGE DOUBLE,
    FREE_CASH_FLOW    DECIMAL(38,4),
    COMPUTED_AT       TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PERIOD_END)
);

CREATE TABLE IF NOT EXISTS MARKET_METRICS (
    SYMBOL           VARCHAR(16)  NOT NULL,
    PRICE_DATE       DATE         NOT NULL,
    CLOSE            DECIMAL(18,4),
    FINANCIALS_PERIOD_END DATE,
    MARKET_CAP       DECIMAL(38,4),
    ENTERPRISE_VALUE DECIMAL(38,4),
    PE_RATIO         DOUBLE,
    PS_RATIO         DOUBLE,
    PB_RATIO         DOUBLE,
    EV_TO_EBITDA     DOUBLE,
    FCF_YIELD        DOUBLE,
    HIGH_52W         DECIMAL(18,4),
    LOW_52W          DECIMAL(18,4),
    RETURN_1Y        DOUBLE,
    VOLATILITY_1Y    DOUBLE,
    COMPUTED_AT      TIMESTAMP    NOT NULL,
    PRIMARY KEY (SYMBOL, PRICE_DATE)
);

-- How far each dependent step has read its inputs: the latest LOADED_AT (raw tables) or
-- COMPUTED_AT (derived tables) it has seen. An incremental run recomputes only symbols with input
-- rows written after it; the step advances it in the same transaction as its MERGE.
CREATE TABLE IF NOT EXISTS DERIVE_WATERMARK (
    STEP                  VARCHAR(16)  NOT NULL PRIMARY KEY,
    INPUTS_LOADED_THROUGH TIMESTAMP    NOT NULL
);
