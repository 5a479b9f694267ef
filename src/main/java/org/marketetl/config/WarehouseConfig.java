package org.marketetl.config;

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
     * Rows per INSERT batch into a staging table. snowflake-jdbc array-binds a batch in one request
     * and switches to a stage upload above 65,280 bind values, so a batch times its column count
     * stays under that.
     */
    @WithDefault("2000")
    int batchRows();
}
