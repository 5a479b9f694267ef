-- Snowflake objects for market-etl: a role, an extra-small warehouse, the database and schema,
-- and a service user that signs in with a key pair only. Run once per account as a user holding
-- SYSADMIN and SECURITYADMIN (or ACCOUNTADMIN). The names match template.yaml's defaults.
--
-- Before running: replace the RSA_PUBLIC_KEY placeholder with the public key of the pair whose
-- private half goes into the Secrets Manager secret (infra/README.md, "Keys"): the base64 body of
-- the PEM, without the BEGIN/END lines.
--
-- The function's tables are created by its own migrations ({"operation": "migrate"}), run as this
-- role, so the role owns them; the grants below are what those migrations and the runs need.
-- Owning the STG_* tables is also what lets the function PUT files to their table stages
-- (@%STG_DAILY_PRICE, ...) and COPY them in: no stage object or stage grant is needed.

USE ROLE SECURITYADMIN;
CREATE ROLE IF NOT EXISTS MARKET_ETL COMMENT = 'market-etl Lambda function';
-- Let SYSADMIN manage what this role creates.
GRANT ROLE MARKET_ETL TO ROLE SYSADMIN;

USE ROLE SYSADMIN;
-- XSMALL: the work is MERGEs of at most a few hundred thousand rows. AUTO_SUSPEND 60: a run ends
-- with a burst of statements; credits stop a minute after the last one.
CREATE WAREHOUSE IF NOT EXISTS MARKET_ETL_WH
  WAREHOUSE_SIZE = XSMALL
  AUTO_SUSPEND = 60
  AUTO_RESUME = TRUE
  INITIALLY_SUSPENDED = TRUE
  COMMENT = 'market-etl runs';

CREATE DATABASE IF NOT EXISTS MARKET COMMENT = 'market-etl: FMP market data';
CREATE SCHEMA IF NOT EXISTS MARKET.ETL;

-- Minimal grants: use the warehouse (not modify or resize it), see the database, work in one schema.
GRANT USAGE ON WAREHOUSE MARKET_ETL_WH TO ROLE MARKET_ETL;
GRANT USAGE ON DATABASE MARKET TO ROLE MARKET_ETL;
GRANT USAGE ON SCHEMA MARKET.ETL TO ROLE MARKET_ETL;
-- The migrations create the raw, staging, derived and ledger tables.
GRANT CREATE TABLE ON SCHEMA MARKET.ETL TO ROLE MARKET_ETL;
-- Tables created later by someone else (an operator, a future migration run by another role)
-- stay usable by the function.
GRANT SELECT, INSERT, UPDATE, DELETE ON FUTURE TABLES IN SCHEMA MARKET.ETL TO ROLE MARKET_ETL;

USE ROLE SECURITYADMIN;
CREATE USER IF NOT EXISTS MARKET_ETL
  TYPE = SERVICE                       -- no password, no MFA prompts: key-pair sign-in only
  DEFAULT_ROLE = MARKET_ETL
  DEFAULT_WAREHOUSE = MARKET_ETL_WH
  DEFAULT_NAMESPACE = MARKET.ETL
  RSA_PUBLIC_KEY = '<base64 body of market-etl-key.pub: MIIBIjANBgkqh...>'
  COMMENT = 'market-etl Lambda function';
GRANT ROLE MARKET_ETL TO USER MARKET_ETL;

-- Check: the fingerprint Snowflake computed must match the key you made (infra/README.md, "Keys").
DESC USER MARKET_ETL;

-- Key rotation (infra/README.md, "Rotate keys"): a second key slot lets the old and the new key
-- both sign in while the secret changes over.
--   ALTER USER MARKET_ETL SET RSA_PUBLIC_KEY_2 = '<new public key body>';
--   ... update the Secrets Manager secret, wait until no container uses the old key ...
--   ALTER USER MARKET_ETL UNSET RSA_PUBLIC_KEY;
