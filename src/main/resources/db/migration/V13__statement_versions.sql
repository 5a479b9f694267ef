-- Issue 20: every version of a statement row, as it was loaded.
--
-- FMP rewrites a quarter's figures when a company restates them. INCOME_STATEMENT, BALANCE_SHEET
-- and CASH_FLOW stay the current view (the latest figures, updated in place); the *_VERSION tables
-- beside them keep each version: version 1 as first loaded, a new version each time a run loads
-- figures that differ from the latest one (load/income-versions.sql and its two siblings; a recheck that finds no
-- change writes nothing). SEEN_ON is the business date of the run that first loaded the version and
-- SEEN_BY_RUN its run id; SUPERSEDED_ON / SUPERSEDED_BY_RUN those of the run that loaded the next
-- version (NULL while it is the latest). FILING_DATE and ACCEPTED_DATE are FMP's for that version.
-- Which version counts on which day is the derive steps' rule (derive/ttm-versions.sql).
--
-- ACCEPTED_DATE: FMP's acceptedDate (when the SEC accepted the filing, a timestamp), now kept with
-- FILING_DATE in the current view and its staging table too.
ALTER TABLE INCOME_STATEMENT ADD COLUMN ACCEPTED_DATE TIMESTAMP;

ALTER TABLE BALANCE_SHEET ADD COLUMN ACCEPTED_DATE TIMESTAMP;

ALTER TABLE CASH_FLOW ADD COLUMN ACCEPTED_DATE TIMESTAMP;

ALTER TABLE STG_INCOME_STATEMENT ADD COLUMN ACCEPTED_DATE TIMESTAMP;

ALTER TABLE STG_BALANCE_SHEET ADD COLUMN ACCEPTED_DATE TIMESTAMP;

ALTER TABLE STG_CASH_FLOW ADD COLUMN ACCEPTED_DATE TIMESTAMP;

-- Each version table has its current table's columns and types (copied, so they cannot drift
-- apart) after the version's key and validity. The rows already loaded become version 1, seen on
-- the day they were last written (what they replaced was not kept).
CREATE TABLE IF NOT EXISTS INCOME_STATEMENT_VERSION AS
SELECT SYMBOL, PERIOD_END, CAST(1 AS DECIMAL(9,0)) AS VERSION, CAST(LOADED_AT AS DATE) AS SEEN_ON,
       CAST(NULL AS VARCHAR(64)) AS SEEN_BY_RUN, CAST(NULL AS DATE) AS SUPERSEDED_ON,
       CAST(NULL AS VARCHAR(64)) AS SUPERSEDED_BY_RUN, * EXCLUDE (SYMBOL, PERIOD_END)
FROM INCOME_STATEMENT;

CREATE TABLE IF NOT EXISTS BALANCE_SHEET_VERSION AS
SELECT SYMBOL, PERIOD_END, CAST(1 AS DECIMAL(9,0)) AS VERSION, CAST(LOADED_AT AS DATE) AS SEEN_ON,
       CAST(NULL AS VARCHAR(64)) AS SEEN_BY_RUN, CAST(NULL AS DATE) AS SUPERSEDED_ON,
       CAST(NULL AS VARCHAR(64)) AS SUPERSEDED_BY_RUN, * EXCLUDE (SYMBOL, PERIOD_END)
FROM BALANCE_SHEET;

CREATE TABLE IF NOT EXISTS CASH_FLOW_VERSION AS
SELECT SYMBOL, PERIOD_END, CAST(1 AS DECIMAL(9,0)) AS VERSION, CAST(LOADED_AT AS DATE) AS SEEN_ON,
       CAST(NULL AS VARCHAR(64)) AS SEEN_BY_RUN, CAST(NULL AS DATE) AS SUPERSEDED_ON,
       CAST(NULL AS VARCHAR(64)) AS SUPERSEDED_BY_RUN, * EXCLUDE (SYMBOL, PERIOD_END)
FROM CASH_FLOW;
