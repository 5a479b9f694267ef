package org.marketetl.derive;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.Warehouse;

/**
 * Financial ratios per symbol and fiscal quarter: the current view (FINANCIAL_RATIOS from
 * FINANCIALS_TTM, {@code ratios.sql}) and every version as known on its days
 * (FINANCIAL_RATIOS_VERSION from FINANCIALS_TTM_VERSION, {@code ratios-versions.sql}). Set-based
 * MERGEs the warehouse runs, no rows pulled into Java; the definitions and the incremental rule are
 * documented at the top of each script.
 */
@ApplicationScoped
public class RatiosStep implements StepTask {

    private static final Derivation SQL = Derivation.load(RatiosStep.class, "ratios.sql", "ratios-versions.sql");

    private final Warehouse warehouse;

    public RatiosStep(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Step step() {
        return Step.RATIOS;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        return SQL.run(warehouse, context);
    }
}
