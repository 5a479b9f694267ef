package org.marketetl.warehouse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A target table loaded through its staging table: empty the stage, INSERT-batch rows into it as
 * they arrive, then one MERGE into the target. Used inside one transaction
 * ({@link Warehouse#inTransaction}), so a failure leaves the target as it was, never half-merged,
 * and the number of statements depends on the rows, not on how many symbols they came from.
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

    /** Empties the staging table and answers a load to stage rows into. */
    public Load open(WarehouseSession session) throws SQLException {
        session.update("DELETE FROM " + WarehouseSession.name(stagingTable));
        return new Load(this, session);
    }

    /**
     * One load in progress on one session. Rows are sent in full batches as they accumulate, and
     * the rest when merging, so the statement count follows the row count only, not how the rows
     * trickled in; at most one batch is held in memory.
     */
    public static final class Load {

        private final StagedTable table;
        private final WarehouseSession session;
        private final int batchRows;
        private final List<Object[]> pending = new ArrayList<>();
        private long staged;

        private Load(StagedTable table, WarehouseSession session) {
            this.table = table;
            this.session = session;
            this.batchRows = session.rowsPerBatch(table.columns().size());
        }

        /** Adds rows to the staging table. */
        public void stage(List<Object[]> rows) throws SQLException {
            pending.addAll(rows);
            while (pending.size() >= batchRows) {
                List<Object[]> batch = pending.subList(0, batchRows);
                send(batch);
                batch.clear();
            }
        }

        /** Merges everything staged; answers the number of target rows inserted or changed. */
        public int merge() throws SQLException {
            if (!pending.isEmpty()) {
                send(pending);
                pending.clear();
            }
            return staged == 0 ? 0 : session.update(table.mergeSql());
        }

        private void send(List<Object[]> rows) throws SQLException {
            staged += session.insertBatches(table.stagingTable(), table.columns(), rows);
        }
    }
}
