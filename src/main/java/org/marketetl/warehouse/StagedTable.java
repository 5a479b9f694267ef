package org.marketetl.warehouse;

import java.sql.SQLException;
import java.util.List;

/**
 * A target table loaded through its staging table: rows are written to a local stage file as they
 * arrive, then loaded into the emptied staging table in one go, then one MERGE into the target.
 * Used inside one transaction ({@link Warehouse#inTransaction}), so a failure leaves the target as
 * it was, never half-merged. The statements are a fixed few per table (DELETE, COPY, MERGE, and a
 * PUT on Snowflake), however many rows or symbols there are, and the rows are never all in memory.
 *
 * @param stagingTable the staging table, e.g. {@code STG_DAILY_PRICE}
 * @param columns      its columns, in the order each row's values come
 * @param mergeSql     the MERGE from the staging table into the target
 */
public record StagedTable(String stagingTable, List<String> columns, String mergeSql) {

    public StagedTable {
        WarehouseSession.name(stagingTable);
        columns = List.copyOf(columns);
        columns.forEach(WarehouseSession::name);
    }

    /** Starts a load on {@code session}; close it when done, which deletes its stage file. */
    public Load open(WarehouseSession session) {
        return new Load(this, session);
    }

    /** One load in progress on one session. */
    public static final class Load implements AutoCloseable {

        private final StagedTable table;
        private final WarehouseSession session;
        private StageFile file;
        private boolean loaded;

        private Load(StagedTable table, WarehouseSession session) {
            this.table = table;
            this.session = session;
        }

        /**
         * Adds rows to the stage file; the warehouse sees them when merging.
         *
         * @throws java.io.UncheckedIOException when the file cannot be written (a full disk), saying
         *                                      where, how large it had grown and what to set
         */
        public void stage(List<Object[]> rows) {
            if (rows.isEmpty()) {
                return;
            }
            if (file == null) {
                file = StageFile.create(session.stageDirectory(), table.stagingTable());
            }
            file.write(rows);
        }

        /**
         * Empties the staging table and loads everything staged into it, once; answers whether it
         * now holds this load's rows. Without rows, sends nothing (and the staging table may hold
         * an earlier load's rows: nothing may read it then). For statements that must see the
         * staged rows before the target changes ({@link #merge()} calls it otherwise).
         */
        public boolean load() throws SQLException {
            if (file != null) {
                session.update("DELETE FROM " + table.stagingTable());
                try {
                    session.copyIntoStage(table.stagingTable(), table.columns(), file);
                } finally {
                    close();
                }
                loaded = true;
            }
            return loaded;
        }

        /**
         * Loads the staging table (unless {@link #load()} did) and merges it; answers the number of
         * target rows inserted or changed. Without rows, sends nothing.
         */
        public int merge() throws SQLException {
            return load() ? session.update(table.mergeSql()) : 0;
        }

        /** Deletes the stage file, if any; the load is over. */
        @Override
        public void close() {
            if (file != null) {
                file.close();
                file = null;
            }
        }
    }
}
