-- Uploads a stage file to the staging table's own stage, in a folder of its own so the COPY
-- that follows reads exactly this file. The file is gzipped already (StageFile).
PUT 'file://{file}' @%{table}/{folder}/ AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = GZIP OVERWRITE = TRUE
