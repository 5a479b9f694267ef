-- The delisted securities (delisted on or before the business date) and, per step, whether their
-- data has been loaded after the delisting (MARKET_DATA_FETCH data sets 'final-<step>'): final
-- data an incremental run never asks for again. One row per security and final data set (NULL when
-- none yet).
SELECT s.SYMBOL, s.DELISTED_ON, f.DATASET
FROM SECURITY s
LEFT JOIN (SELECT DISTINCT SYMBOL, DATASET FROM MARKET_DATA_FETCH WHERE DATASET LIKE 'final-%') f
  ON f.SYMBOL = s.SYMBOL
WHERE NOT s.ACTIVE AND s.DELISTED_ON IS NOT NULL AND s.DELISTED_ON <= ?
