package org.marketetl.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One symbol a step could not load, and why (already free of secrets). Serialised in the run report. */
@RegisterForReflection
public record SymbolFailure(String symbol, String reason) {

    /**
     * The reason a step records for a symbol the deadline kept from starting: not a failure of the
     * symbol, but work left for the next invocation of the run (or the next run).
     */
    public static final String NOT_STARTED = "deadline: not started";
}
