-- Remembers that the API refused a bulk endpoint (402) under the configured plan: parameters plan,
-- endpoint, refused at (UTC), message; once per plan and endpoint.
INSERT INTO PLAN_REFUSAL (PLAN_NAME, ENDPOINT, REFUSED_AT, MESSAGE)
SELECT ?, ?, CAST(? AS TIMESTAMP), ?
WHERE NOT EXISTS (SELECT 1 FROM PLAN_REFUSAL WHERE PLAN_NAME = ? AND ENDPOINT = ?)
