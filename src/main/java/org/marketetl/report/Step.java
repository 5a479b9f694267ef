package org.marketetl.report;

import java.util.Locale;
import java.util.Set;

/**
 * The six steps of a run, in the order the report lists them. Independent steps extract from the
 * market-data API and load raw tables; dependent steps derive tables inside the warehouse and
 * need the steps named in {@link #inputs()}.
 */
public enum Step {
    COMPANY(Phase.INDEPENDENT),
    PRICE(Phase.INDEPENDENT),
    FINANCIAL(Phase.INDEPENDENT),
    TTM(Phase.DEPENDENT, FINANCIAL),
    RATIOS(Phase.DEPENDENT, TTM),
    METRICS(Phase.DEPENDENT, PRICE, TTM);

    private final Phase phase;
    private final Set<Step> inputs;

    Step(Phase phase, Step... inputs) {
        this.phase = phase;
        this.inputs = Set.of(inputs);
    }

    public Phase phase() {
        return phase;
    }

    /** Steps whose output this step reads; if one of them fails, this step is skipped. */
    public Set<Step> inputs() {
        return inputs;
    }

    /** The lower-case name used in requests, reports and logs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Step fromId(String id) {
        for (Step step : values()) {
            if (step.id().equals(id)) {
                return step;
            }
        }
        throw new IllegalArgumentException(id);
    }

    public enum Phase {
        INDEPENDENT, DEPENDENT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
