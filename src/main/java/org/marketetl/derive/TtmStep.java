package org.marketetl.derive;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.Warehouse;

/**
 * Trailing twelve months per symbol and fiscal quarter (FINANCIALS_TTM) from the statement tables:
 * one set-based MERGE the warehouse runs, no rows pulled into Java. The definitions and the
 * incremental rule are documented at the top of {@code ttm.sql}.
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
