package org.marketetl.warehouse;

import jakarta.enterprise.event.Observes;

import org.marketetl.config.WarehouseConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * At start: migrate the embedded warehouse (local runs, tests), or check that the production
 * schema is current, so a function deployed before its migration refuses every run with a clear
 * message instead of failing half-way through one.
 */
class SchemaStartup {

    void onStart(@Observes StartupEvent event, WarehouseConfig config, SchemaMigrator migrator) {
        if (config.migrateAtStart()) {
            migrator.migrate();
        }
        migrator.requireCurrentSchema();
    }
}
