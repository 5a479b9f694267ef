package org.marketetl.report;

/** How a step ended. */
public enum StepStatus {
    /** Everything it was asked to do is done. */
    SUCCEEDED,
    /** Done, but some symbols failed; each is listed with its reason. */
    PARTIAL,
    /** Nothing was loaded: the step threw, or every symbol failed. */
    FAILED,
    /** Not run: an input step failed, the deadline was near, or the run was a dry run. */
    SKIPPED
}
