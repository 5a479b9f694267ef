package org.marketetl.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Versioned schema migrations: the scripts listed in {@code db/migration/migrations.txt}, each
 * applied once and recorded in SCHEMA_VERSION with its checksum. Every script is written with
 * IF NOT EXISTS, so re-applying after a crash half-way through a script is harmless.
 */
@ApplicationScoped
public class SchemaMigrator {

    static final String INDEX = "db/migration/migrations.txt";

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS SCHEMA_VERSION (
                VERSION     DECIMAL(9,0)   NOT NULL PRIMARY KEY,
                SCRIPT      VARCHAR(256)  NOT NULL,
                CHECKSUM    VARCHAR(64)   NOT NULL,
                APPLIED_AT  TIMESTAMP     NOT NULL
            )""";

    private final Warehouse warehouse;
    /** Checked once per container: a schema does not go backwards under a running function. */
    private volatile boolean schemaCurrent;

    public SchemaMigrator(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Applies every pending migration; answers what it did. */
    public synchronized MigrationResult migrate() {
        List<Integer> appliedNow = warehouse.withSession(session -> {
            session.execute(CREATE_VERSION_TABLE);
            Set<Integer> done = appliedVersions(session);
            List<Migration> pending = Migration.all().stream().filter(m -> !done.contains(m.version())).toList();
            for (Migration migration : pending) {
                String script = SqlResource.loadPath("db/migration/" + migration.script());
                for (String statement : SqlResource.statements(script)) {
                    session.execute(statement);
                }
                session.update("INSERT INTO SCHEMA_VERSION (VERSION, SCRIPT, CHECKSUM, APPLIED_AT) "
                        + "VALUES (?, ?, ?, CURRENT_TIMESTAMP)", migration.version(), migration.script(), checksum(script));
                Log.infof("applied schema migration %s", migration.script());
            }
            return pending.stream().map(Migration::version).toList();
        });
        schemaCurrent = true;
        return new MigrationResult("migrate", appliedNow, Migration.latestVersion());
    }

    /**
     * Refuses to run against a schema older than this build expects: a deploy that skipped the
     * migration step would otherwise fail half-way through a run with a confusing SQL error.
     */
    public void requireCurrentSchema() {
        if (schemaCurrent) {
            return;
        }
        int expected = Migration.latestVersion();
        int found = warehouse.withSession(session -> {
            try {
                return session.query("SELECT MAX(VERSION) FROM SCHEMA_VERSION", row -> row.getInt(1)).get(0);
            } catch (SQLException e) {
                return 0;
            }
        });
        if (found < expected) {
            throw new WarehouseException("warehouse schema is at version " + found + " but this build needs "
                    + expected + "; apply the migrations first: invoke the function with {\"operation\": \"migrate\"} "
                    + "(README, 'Schema migrations')");
        }
        schemaCurrent = true;
    }

    private static Set<Integer> appliedVersions(WarehouseSession session) throws SQLException {
        return session.query("SELECT VERSION FROM SCHEMA_VERSION", row -> row.getInt(1)).stream()
                .collect(Collectors.toSet());
    }

    private static String checksum(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a migration did.
     *
     * @param operation     always {@code migrate}
     * @param applied       versions applied now; empty when the schema was already current
     * @param schemaVersion the version the schema is at now
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record MigrationResult(String operation, List<Integer> applied, int schemaVersion) {
    }

    /** One script of the index: {@code V3__derived_tables.sql} is version 3. */
    record Migration(int version, String script) {

        static List<Migration> all() {
            return SqlResource.loadPath(INDEX).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(script -> new Migration(Integer.parseInt(script.substring(1, script.indexOf("__"))), script))
                    .toList();
        }

        static int latestVersion() {
            return all().stream().mapToInt(Migration::version).max().orElse(0);
        }
    }
}
