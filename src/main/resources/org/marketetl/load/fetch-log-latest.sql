-- The last fetch of one data set per symbol (parameter: the data set).
SELECT SYMBOL, MAX(FETCHED_AT) AS FETCHED_AT
FROM MARKET_DATA_FETCH
WHERE DATASET = ?
GROUP BY SYMBOL
