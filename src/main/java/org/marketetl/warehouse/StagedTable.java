package org.marketetl.warehouse;

import java.sql.SQLException;
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
        columns = List.copyOf(columns);
    }

    /** Empties the staging table and answers a load to stage rows into. */
    public Load open(WarehouseSession session) throws SQLException {
        session.update("DELETE FROM " + stagingTable);
        return new Load(this, session);
    }

    /** One load in progress on one session. */
    public static final class Load {

        private final StagedTable table;
        private final WarehouseSession session;
        private long staged;

        private Load(StagedTable table, WarehouseSession session) {
            this.table = table;
            this.session = session;
        }

        /** Adds rows to the staging table. */
        public void stage(List<Object[]> rows) throws SQLException {
            staged += session.insertBatches(table.stagingTable(), table.columns(), rows);
        }

        /** Merges everything staged; answers the number of target rows inserted or changed. */
        public int merge() throws SQLException {
            return staged == 0 ? 0 : session.update(table.mergeSql());
        }
    }
}
