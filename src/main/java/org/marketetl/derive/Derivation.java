package org.marketetl.derive;

import java.util.ArrayList;
import java.util.List;

import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.run.StepOutcome;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;

/**
 * A derived table's script: a MERGE that recomputes what changed since the step's watermark (or
 * everything on a full refresh), then the statement that advances the watermark; optionally
 * further scripts of one MERGE each, for tables the step derives from the same inputs against the
 * same watermark (the point-in-time versions beside a current view). All run in one transaction,
 * so a failure leaves the tables and the watermark as they were: the next run recomputes the same
 * rows. A fixed few statements per step, whatever the number of symbols.
 */
final class Derivation {

    private final List<String> merges;
    private final String advanceWatermark;

    private Derivation(List<String> merges, String advanceWatermark) {
        this.merges = List.copyOf(merges);
        this.advanceWatermark = advanceWatermark;
    }

    /**
     * The script {@code name} beside {@code owner} (its MERGE, then its watermark statement), with
     * the MERGE of each of {@code alongside} run after its own, before the watermark moves.
     */
    static Derivation load(Class<?> owner, String name, String... alongside) {
        List<String> statements = SqlResource.statements(SqlResource.load(owner, name));
        if (statements.size() != 2) {
            throw new IllegalStateException(name + " must hold two statements (MERGE, watermark), found "
                    + statements.size());
        }
        List<String> merges = new ArrayList<>(List.of(statements.get(0)));
        for (String other : alongside) {
            List<String> merge = SqlResource.statements(SqlResource.load(owner, other));
            if (merge.size() != 1) {
                throw new IllegalStateException(other + " must hold one statement (MERGE), found " + merge.size());
            }
            merges.add(merge.get(0));
        }
        return new Derivation(merges, statements.get(1));
    }

    /** Recomputes the tables; answers the rows inserted, changed or removed. */
    StepOutcome run(Warehouse warehouse, RunContext context) {
        // Each MERGE takes the mode: only 'full-refresh' ignores the watermark. Bound as text, the
        // one type every driver and fakesnow bind the same way.
        String mode = context.request().mode() == Mode.FULL_REFRESH ? Mode.FULL_REFRESH.id() : Mode.INCREMENTAL.id();
        return warehouse.inTransaction(session -> {
            long changed = 0;
            for (String merge : merges) {
                changed += session.update(merge, mode);
            }
            session.update(advanceWatermark);
            return StepOutcome.derived(changed);
        });
    }
}
