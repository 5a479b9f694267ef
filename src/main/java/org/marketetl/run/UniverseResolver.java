package org.marketetl.run;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.marketetl.report.Step;
import org.marketetl.report.UniverseReport;

/**
 * Turns a run request's universe into symbols before any step starts, and says which of them are
 * delisted: implemented beside the market's list of securities ({@code org.marketetl.universe}).
 */
public interface UniverseResolver {

    /**
     * Resolves {@code request}: a universe selector becomes the symbols it selects (reloading the
     * symbol lists first when {@code mayReload} and they are stale); named symbols stay as they
     * are. Never throws for a failed reload or an empty selection: the answer says why.
     */
    Resolved resolve(RunRequest request, LocalDate asOf, boolean mayReload);

    /**
     * @param request    the request with its symbols
     * @param delistedOn its delisted symbols and their delisting dates
     * @param settled    per step, the delisted symbols whose data that step has loaded after their
     *                   delisting: final, never asked for again by an incremental run
     * @param report     how a selector was resolved; null for named symbols
     * @param failure    why no step may run (a selector that selected nothing), or null
     */
    record Resolved(RunRequest request, Map<String, LocalDate> delistedOn, Map<Step, Set<String>> settled,
            UniverseReport report, String failure) {
    }
}
