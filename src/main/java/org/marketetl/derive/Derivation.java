package org.marketetl.derive;

import java.util.List;

import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.run.StepOutcome;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;

/**
 * A derived table's script: a MERGE that recomputes what changed since the step's watermark (or
 * everything on a full refresh), then the statement that advances the watermark. Both run in one
 * transaction, so a failure leaves the table and its watermark as they were: the next run
 * recomputes the same rows. Two statements per step, whatever the number of symbols.
 */
final class Derivation {

    private final String merge;
    private final String advanceWatermark;

    private Derivation(String merge, String advanceWatermark) {
        this.merge = merge;
        this.advanceWatermark = advanceWatermark;
    }

    /** The script {@code name} beside {@code owner}: its MERGE, then its watermark statement. */
    static Derivation load(Class<?> owner, String name) {
        List<String> statements = SqlResource.statements(SqlResource.load(owner, name));
        if (statements.size() != 2) {
            throw new IllegalStateException(name + " must hold two statements (MERGE, watermark), found "
                    + statements.size());
        }
        return new Derivation(statements.get(0), statements.get(1));
    }

    /** Recomputes the table; answers the rows inserted or changed. */
    StepOutcome run(Warehouse warehouse, RunContext context) {
        // The MERGE takes the mode: only 'full-refresh' ignores the watermark. Bound as text, the
        // one type every driver and fakesnow bind the same way.
        String mode = context.request().mode() == Mode.FULL_REFRESH ? Mode.FULL_REFRESH.id() : Mode.INCREMENTAL.id();
        return warehouse.inTransaction(session -> {
            int changed = session.update(merge, mode);
            session.update(advanceWatermark);
            return StepOutcome.derived(changed);
        });
    }
}
