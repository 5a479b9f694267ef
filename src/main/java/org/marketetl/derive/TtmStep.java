package org.marketetl.derive;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.Warehouse;

/**
 * Trailing twelve months per symbol and fiscal quarter from the statement tables: the current view
 * (FINANCIALS_TTM, {@code ttm.sql}) and every version as known on its days (FINANCIALS_TTM_VERSION,
 * {@code ttm-versions.sql}, from the statement versions). Set-based MERGEs the warehouse runs, no
 * rows pulled into Java; the definitions, the point-in-time rule and the incremental rule are
 * documented at the top of each script.
 */
@ApplicationScoped
public class TtmStep implements StepTask {

    private static final Derivation SQL = Derivation.load(TtmStep.class, "ttm.sql", "ttm-versions.sql");

    private final Warehouse warehouse;

    public TtmStep(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Step step() {
        return Step.TTM;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        return SQL.run(warehouse, context);
    }
}
