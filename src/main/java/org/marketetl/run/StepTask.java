package org.marketetl.run;

import org.marketetl.report.Step;
import org.marketetl.marketdata.ApiCallCounter;

/** A step's work. The pipeline times it, catches its failure and builds its report. */
public interface StepTask {

    Step step();

    /**
     * Does the step's work, counting its market-data traffic into {@code calls}. A symbol that fails is returned in the outcome, not thrown; an
     * exception means the whole step failed.
     */
    StepOutcome run(RunContext context, ApiCallCounter calls) throws Exception;
}
