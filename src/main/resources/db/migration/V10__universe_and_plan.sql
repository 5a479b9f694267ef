-- Issue 19: the market's list of securities, and what the FMP plan refused.
--
-- SECURITY: every symbol FMP lists (stock-list, etf-list, actively-trading-list) or lists as
-- delisted (delisted-companies), one row per symbol. A run request's universe selector picks its
-- symbols here (exchanges, types, listed and delisted), so a backtest over the loaded tables can
-- include the companies that no longer trade. SECURITY_TYPE is 'stock' or 'etf'; ACTIVE says
-- whether FMP lists it as trading now; LISTED_ON (FMP's IPO date) and DELISTED_ON come with the
-- delisted companies. A delisted symbol's data, once loaded after its delisting, is final: an
-- incremental run never asks for it again (MARKET_DATA_FETCH, datasets 'final-<step>').
CREATE TABLE IF NOT EXISTS SECURITY (
    SYMBOL        VARCHAR(16)   NOT NULL PRIMARY KEY,
    NAME          VARCHAR(512),
    EXCHANGE      VARCHAR(32),
    SECURITY_TYPE VARCHAR(8)    NOT NULL,
    ACTIVE        BOOLEAN       NOT NULL,
    LISTED_ON     DATE,
    DELISTED_ON   DATE,
    LOADED_AT     TIMESTAMP     NOT NULL
);

CREATE TABLE IF NOT EXISTS STG_SECURITY AS SELECT * EXCLUDE (LOADED_AT) FROM SECURITY WHERE 1 = 0;

-- PLAN_REFUSAL: bulk endpoints the API refused (HTTP 402) under a configured plan. A run does not
-- ask a refused endpoint again while the plan setting (market-etl.market-data.plan) is the same;
-- with another plan configured, the rows of the old one no longer apply and the endpoint is tried.
CREATE TABLE IF NOT EXISTS PLAN_REFUSAL (
    PLAN_NAME  VARCHAR(16)   NOT NULL,
    ENDPOINT   VARCHAR(64)   NOT NULL,
    REFUSED_AT TIMESTAMP     NOT NULL,
    MESSAGE    VARCHAR(512),
    PRIMARY KEY (PLAN_NAME, ENDPOINT)
);
