-- Quarters already loaded per symbol: a symbol with none gets its full history, the others only
-- the latest few quarters (enough to pick up a new filing or a restatement).
SELECT SYMBOL, COUNT(*) AS QUARTERS
FROM INCOME_STATEMENT
GROUP BY SYMBOL
