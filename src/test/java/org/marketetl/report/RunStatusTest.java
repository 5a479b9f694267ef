package org.marketetl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.marketetl.report.StepStatus.FAILED;
import static org.marketetl.report.StepStatus.PARTIAL;
import static org.marketetl.report.StepStatus.SKIPPED;
import static org.marketetl.report.StepStatus.SUCCEEDED;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A run's status from its requested steps' statuses. */
class RunStatusTest {

    @Test
    void succeeds_whenEveryStepSucceeded() {
        assertThat(RunStatus.of(List.of(SUCCEEDED, SUCCEEDED, SUCCEEDED), false)).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void succeeds_forADryRun_whoseStepsWereAllSkipped() {
        assertThat(RunStatus.of(List.of(SKIPPED, SKIPPED, SKIPPED), true)).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void isPartial_whenOneStepFailedAndAnotherSucceeded() {
        assertThat(RunStatus.of(List.of(SUCCEEDED, FAILED, SUCCEEDED), false)).isEqualTo(RunStatus.PARTIAL);
    }

    @Test
    void isPartial_whenAStepWasPartial() {
        assertThat(RunStatus.of(List.of(SUCCEEDED, PARTIAL), false)).isEqualTo(RunStatus.PARTIAL);
    }

    @Test
    void isPartial_whenTheOnlyStepWasPartial() {
        assertThat(RunStatus.of(List.of(PARTIAL), false)).isEqualTo(RunStatus.PARTIAL);
    }

    @Test
    void isPartial_whenSomeStepsRanAndTheRestWereSkipped_forTheDeadline() {
        assertThat(RunStatus.of(List.of(SUCCEEDED, SUCCEEDED, SKIPPED), false)).isEqualTo(RunStatus.PARTIAL);
    }

    @Test
    void fails_whenEveryStepFailed() {
        assertThat(RunStatus.of(List.of(FAILED, FAILED, FAILED), false)).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void fails_whenStepsFailedAndTheirDependentsWereSkipped() {
        assertThat(RunStatus.of(List.of(FAILED, FAILED, SKIPPED, SKIPPED), false)).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void fails_whenEveryStepWasSkipped_inARealRun() {
        assertThat(RunStatus.of(List.of(SKIPPED, SKIPPED), false)).isEqualTo(RunStatus.FAILED);
    }
}
