-- FINANCIAL_RATIOS: per symbol and fiscal quarter end, from FINANCIALS_TTM: the current view, from
-- the latest figures (FINANCIAL_RATIOS_VERSION, ratios-versions.sql, holds each version as known on
-- its days). Definitions (DESIGN.md, "Dependent steps: definitions"):
--   gross / operating / net margin = gross profit / operating income / net income TTM over revenue TTM
--   ROE = net income TTM / average(total equity now, total equity four quarters earlier)
--   ROA = net income TTM / average(total assets now, total assets four quarters earlier)
--   current ratio = total current assets / total current liabilities (at the quarter)
--   debt-to-equity = total debt / total equity (at the quarter)
--   interest coverage = operating income TTM / interest expense TTM
--   free cash flow = operating cash flow TTM - |capital expenditure TTM|
-- A zero or negative denominator (or a missing input) gives NULL, never an error or infinity.
-- "Four quarters earlier" is the TTM row four rows back, and only if it ended 350 to 380 days
-- before this one (a year, on any fiscal calendar); a gap in the quarters gives NULL.
-- AVAILABLE_ON (point in time): the first day every figure a ratio reads was public: the TTM row's
-- AVAILABLE_ON, or the filing date of the quarter a year earlier when ROE / ROA read it and it was
-- filed later still (out of order). NULL when one of them has no filing date.
-- Ratios are DOUBLE, computed from DOUBLE operands so both warehouses divide the same way.
-- Incremental: only symbols with a TTM row computed after this step's watermark are recomputed
-- (all their quarters: a changed quarter feeds the ROE/ROA of the one a year later); with
-- parameter 1 = 'full-refresh' every symbol is. Only rows whose values changed are updated.
MERGE INTO FINANCIAL_RATIOS t
USING (
    WITH watermark AS (
        SELECT COALESCE(MAX(INPUTS_LOADED_THROUGH), CAST('1900-01-01 00:00:00' AS TIMESTAMP)) AS LOADED_THROUGH
        FROM DERIVE_WATERMARK
        WHERE STEP = 'ratios' AND CAST(? AS VARCHAR) <> 'full-refresh'
    ),
    changed AS (
        SELECT DISTINCT SYMBOL FROM FINANCIALS_TTM WHERE COMPUTED_AT > (SELECT LOADED_THROUGH FROM watermark)
    ),
    ttm AS (
        SELECT f.SYMBOL, f.PERIOD_END,
               CAST(f.REVENUE_TTM AS DOUBLE) AS REVENUE,
               CAST(f.GROSS_PROFIT_TTM AS DOUBLE) AS GROSS_PROFIT,
               CAST(f.OPERATING_INCOME_TTM AS DOUBLE) AS OPERATING_INCOME,
               CAST(f.NET_INCOME_TTM AS DOUBLE) AS NET_INCOME,
               CAST(f.INTEREST_EXPENSE_TTM AS DOUBLE) AS INTEREST_EXPENSE,
               CAST(f.TOTAL_CURRENT_ASSETS AS DOUBLE) AS CURRENT_ASSETS,
               CAST(f.TOTAL_CURRENT_LIABILITIES AS DOUBLE) AS CURRENT_LIABILITIES,
               CAST(f.TOTAL_DEBT AS DOUBLE) AS TOTAL_DEBT,
               CAST(f.TOTAL_EQUITY AS DOUBLE) AS EQUITY,
               CAST(f.TOTAL_ASSETS AS DOUBLE) AS ASSETS,
               f.OPERATING_CASH_FLOW_TTM - ABS(f.CAPITAL_EXPENDITURE_TTM) AS FREE_CASH_FLOW,
               CASE WHEN f.PERIOD_END - LAG(f.PERIOD_END, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END)
                         NOT BETWEEN 350 AND 380
                      OR LAG(f.PERIOD_END, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END) IS NULL
                    THEN f.AVAILABLE_ON
                    WHEN LAG(f.FILING_DATE, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END) IS NULL THEN NULL
                    WHEN LAG(f.FILING_DATE, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END) > f.AVAILABLE_ON
                    THEN LAG(f.FILING_DATE, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END)
                    ELSE f.AVAILABLE_ON
               END AS AVAILABLE_ON,
               CASE WHEN f.PERIOD_END - LAG(f.PERIOD_END, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END)
                         BETWEEN 350 AND 380
                    THEN (CAST(f.TOTAL_EQUITY AS DOUBLE)
                          + CAST(LAG(f.TOTAL_EQUITY, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END) AS DOUBLE)) / 2
               END AS AVERAGE_EQUITY,
               CASE WHEN f.PERIOD_END - LAG(f.PERIOD_END, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END)
                         BETWEEN 350 AND 380
                    THEN (CAST(f.TOTAL_ASSETS AS DOUBLE)
                          + CAST(LAG(f.TOTAL_ASSETS, 4) OVER (PARTITION BY f.SYMBOL ORDER BY f.PERIOD_END) AS DOUBLE)) / 2
               END AS AVERAGE_ASSETS
        FROM FINANCIALS_TTM f
        WHERE f.SYMBOL IN (SELECT SYMBOL FROM changed)
    )
    SELECT SYMBOL, PERIOD_END, AVAILABLE_ON,
           CASE WHEN REVENUE > 0 THEN GROSS_PROFIT / REVENUE END AS GROSS_MARGIN,
           CASE WHEN REVENUE > 0 THEN OPERATING_INCOME / REVENUE END AS OPERATING_MARGIN,
           CASE WHEN REVENUE > 0 THEN NET_INCOME / REVENUE END AS NET_MARGIN,
           CASE WHEN AVERAGE_EQUITY > 0 THEN NET_INCOME / AVERAGE_EQUITY END AS ROE,
           CASE WHEN AVERAGE_ASSETS > 0 THEN NET_INCOME / AVERAGE_ASSETS END AS ROA,
           CASE WHEN CURRENT_LIABILITIES > 0 THEN CURRENT_ASSETS / CURRENT_LIABILITIES END AS CURRENT_RATIO,
           CASE WHEN EQUITY > 0 THEN TOTAL_DEBT / EQUITY END AS DEBT_TO_EQUITY,
           CASE WHEN INTEREST_EXPENSE > 0 THEN OPERATING_INCOME / INTEREST_EXPENSE END AS INTEREST_COVERAGE,
           FREE_CASH_FLOW
    FROM ttm
) s
ON t.SYMBOL = s.SYMBOL AND t.PERIOD_END = s.PERIOD_END
WHEN MATCHED AND (
       t.AVAILABLE_ON IS DISTINCT FROM s.AVAILABLE_ON OR t.GROSS_MARGIN IS DISTINCT FROM s.GROSS_MARGIN OR t.OPERATING_MARGIN IS DISTINCT FROM s.OPERATING_MARGIN
    OR t.NET_MARGIN IS DISTINCT FROM s.NET_MARGIN OR t.ROE IS DISTINCT FROM s.ROE OR t.ROA IS DISTINCT FROM s.ROA
    OR t.CURRENT_RATIO IS DISTINCT FROM s.CURRENT_RATIO OR t.DEBT_TO_EQUITY IS DISTINCT FROM s.DEBT_TO_EQUITY
    OR t.INTEREST_COVERAGE IS DISTINCT FROM s.INTEREST_COVERAGE OR t.FREE_CASH_FLOW IS DISTINCT FROM s.FREE_CASH_FLOW)
THEN UPDATE SET
    AVAILABLE_ON = s.AVAILABLE_ON, GROSS_MARGIN = s.GROSS_MARGIN, OPERATING_MARGIN = s.OPERATING_MARGIN, NET_MARGIN = s.NET_MARGIN, ROE = s.ROE,
    ROA = s.ROA, CURRENT_RATIO = s.CURRENT_RATIO, DEBT_TO_EQUITY = s.DEBT_TO_EQUITY,
    INTEREST_COVERAGE = s.INTEREST_COVERAGE, FREE_CASH_FLOW = s.FREE_CASH_FLOW, COMPUTED_AT = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (
    SYMBOL, PERIOD_END, AVAILABLE_ON, GROSS_MARGIN, OPERATING_MARGIN, NET_MARGIN, ROE, ROA, CURRENT_RATIO,
    DEBT_TO_EQUITY, INTEREST_COVERAGE, FREE_CASH_FLOW, COMPUTED_AT)
VALUES (
    s.SYMBOL, s.PERIOD_END, s.AVAILABLE_ON, s.GROSS_MARGIN, s.OPERATING_MARGIN, s.NET_MARGIN, s.ROE, s.ROA, s.CURRENT_RATIO,
    s.DEBT_TO_EQUITY, s.INTEREST_COVERAGE, s.FREE_CASH_FLOW, CURRENT_TIMESTAMP);

-- Advance the watermark to the latest TTM row or version this step has now seen (same transaction;
-- ratios-versions.sql reads FINANCIALS_TTM_VERSION against the same watermark).
MERGE INTO DERIVE_WATERMARK t
USING (
    SELECT 'ratios' AS STEP, MAX(COMPUTED_AT) AS INPUTS_LOADED_THROUGH
    FROM (
        SELECT MAX(COMPUTED_AT) AS COMPUTED_AT FROM FINANCIALS_TTM
        UNION ALL
        SELECT MAX(COMPUTED_AT) FROM FINANCIALS_TTM_VERSION
    ) inputs
) s
ON t.STEP = s.STEP
WHEN MATCHED AND s.INPUTS_LOADED_THROUGH > t.INPUTS_LOADED_THROUGH THEN UPDATE SET
    INPUTS_LOADED_THROUGH = s.INPUTS_LOADED_THROUGH
WHEN NOT MATCHED AND s.INPUTS_LOADED_THROUGH IS NOT NULL THEN INSERT (STEP, INPUTS_LOADED_THROUGH)
VALUES (s.STEP, s.INPUTS_LOADED_THROUGH);
