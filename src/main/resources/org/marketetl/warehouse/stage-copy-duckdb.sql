-- Loads a stage file (StageFile: gzipped CSV, quoted text, NULL as \N) into a staging table on
-- DuckDB, which reads the local file directly. {table}, {columns} and {file} are filled in by
-- WarehouseSession.copyIntoStage from checked names and a generated path.
-- ALLOW_QUOTED_NULLS false: a quoted empty field is an empty text, only \N is NULL.
COPY {table} ({columns}) FROM '{file}'
    (FORMAT CSV, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '\N', ALLOW_QUOTED_NULLS false,
     COMPRESSION gzip)
