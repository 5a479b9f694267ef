-- When the symbol lists were last loaded into SECURITY (MARKET_DATA_FETCH, data set 'symbol-lists'):
-- a run with a universe selector reloads them when that is longer ago than
-- market-etl.universe.security-max-age. Also the newest delisting known, where a reload's paging
-- through the delisted companies (newest first) may stop.
SELECT (SELECT MAX(FETCHED_AT) FROM MARKET_DATA_FETCH WHERE DATASET = 'symbol-lists'),
       (SELECT MAX(DELISTED_ON) FROM SECURITY)
