package org.marketetl.run;

import java.time.LocalDate;
import java.util.List;

/**
 * What a step needs to know about the run it belongs to.
 *
 * @param request  the validated request
 * @param asOf     the business date of the run: prices up to this day
 * @param deadline when to stop starting new work (steps check it per symbol)
 */
public record RunContext(RunRequest request, LocalDate asOf, Deadline deadline) {

    /** First price date of a full history: the request's start date, or {@code years} before {@link #asOf}. */
    public LocalDate historyStart(int years) {
        return request.startDate().orElse(asOf.minusYears(years));
    }

    /** This run narrowed to {@code symbols}: what one step still has to do in this invocation. */
    RunContext forSymbols(List<String> symbols) {
        return new RunContext(request.withSymbols(symbols), asOf, deadline);
    }
}
