-- Loads the file just uploaded (stage-put-snowflake.sql) into the staging table and removes it
-- from the stage. The format is StageFile's: quoted text with doubled inner quotes, NULL as an
-- unquoted \N, an empty quoted field an empty text. ON_ERROR stays ABORT_STATEMENT (the
-- default): a row Snowflake cannot read fails the load instead of being skipped.
COPY INTO {table} ({columns}) FROM @%{table}/{folder}/
    FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP FIELD_DELIMITER = ',' FIELD_OPTIONALLY_ENCLOSED_BY = '"'
                   ESCAPE_UNENCLOSED_FIELD = NONE NULL_IF = ('\\N') EMPTY_FIELD_AS_NULL = FALSE)
    PURGE = TRUE
