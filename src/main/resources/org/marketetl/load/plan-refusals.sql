-- The bulk endpoints the API refused (402) under the configured plan, with when and what it said:
-- a run does not ask them again while the plan setting is unchanged (load/BulkAccess).
SELECT ENDPOINT, REFUSED_AT, MESSAGE
FROM PLAN_REFUSAL
WHERE PLAN_NAME = ?
