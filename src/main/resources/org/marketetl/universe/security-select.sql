-- The symbols a universe selector picks (run request field "universe"): securities of the given
-- types on the given exchanges that traded on the business date, or had traded before it and were
-- delisted when delisted ones are asked for (a survivorship-free universe). Placeholders {exchanges}
-- and {types} become one "?" per value; then the business date twice and "include delisted".
-- "Traded on the business date": listed now, or delisted only after it.
SELECT SYMBOL
FROM SECURITY
WHERE EXCHANGE IN ({exchanges})
  AND SECURITY_TYPE IN ({types})
  AND (LISTED_ON IS NULL OR LISTED_ON <= ?)
  AND (ACTIVE OR DELISTED_ON > ? OR (CAST(? AS BOOLEAN) AND DELISTED_ON IS NOT NULL))
ORDER BY SYMBOL
