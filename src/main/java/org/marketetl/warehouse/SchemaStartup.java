package org.marketetl.warehouse;

import jakarta.enterprise.event.Observes;

import org.marketetl.config.WarehouseConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * At start, with {@code migrate-at-start} (the embedded warehouse of local runs and tests): apply
 * pending migrations. Production applies them as an explicit deploy step instead, and every run
 * checks the schema version first ({@link SchemaMigrator#requireCurrentSchema()}).
 */
class SchemaStartup {

    void onStart(@Observes StartupEvent event, WarehouseConfig config, SchemaMigrator migrator) {
        if (config.migrateAtStart()) {
            migrator.migrate();
        }
    }
}
