package org.marketetl.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which warehouse to write to and how to talk to it. */
@ConfigMapping(prefix = "market-etl.warehouse")
public interface WarehouseConfig {

    /** Name of the Agroal datasource to use: {@code duckdb} locally and in tests, {@code snowflake} in production. */
    @WithDefault("duckdb")
    String datasource();

    /**
     * Apply pending schema migrations when the function starts. On for the embedded warehouse;
     * off in production, where migrations are an explicit deploy step.
     */
    @WithDefault("false")
    boolean migrateAtStart();

    /**
     * Bind values per INSERT batch (rows x columns), for the small bookkeeping tables written by
     * INSERT (fetch log, run steps; market data goes through stage files instead). snowflake-jdbc
     * sends a batch as one array-bound request up to CLIENT_STAGE_ARRAY_BINDING_THRESHOLD (65,280
     * values) and above it uploads the batch through a temporary stage, a slower path with more
     * round trips; staying just under keeps each batch one request.
     */
    @WithDefault("65000")
    int bindValuesPerBatch();

    /**
     * Directory of the stage files (gzipped CSV, one per staging table, deleted after each load);
     * default: the JVM's temporary directory, {@code /tmp} on Lambda. Its own setting because the
     * Quarkus Lambda runtime sets {@code java.io.tmpdir} itself at start. Give it room: a
     * 5,000-symbol backfill's price file is 200-260 MB. Only letters, digits and {@code _ . / -}
     * in its path (it is spliced into the load statement).
     */
    Optional<Path> stageDirectory();

    /**
     * The Snowflake names the JDBC URL is built from (application.properties; environment
     * variables SNOWFLAKE_ACCOUNT, _DATABASE, _SCHEMA, _WAREHOUSE, _ROLE). They are spliced into a
     * URL, so each is checked at start against a strict pattern
     * ({@code org.marketetl.warehouse.ConfiguredIdentifiers}).
     */
    Snowflake snowflake();

    /** Names of the Snowflake objects the function works in. */
    interface Snowflake {

        /** Account identifier: {@code orgname-accountname} or {@code locator.region}; the host name's first part. */
        @WithDefault("unset")
        String account();

        /** Database of every table. */
        @WithDefault("MARKET")
        String database();

        /** Schema of every table. */
        @WithDefault("ETL")
        String schema();

        /** Virtual warehouse the statements run on. */
        @WithDefault("MARKET_ETL_WH")
        String warehouse();

        /** Role the function's user assumes. */
        @WithDefault("MARKET_ETL")
        String role();
    }
}
