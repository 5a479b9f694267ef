package org.marketetl.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A phase's wall time against the sum of its steps' times. */
class PhaseReportTest {

    @Test
    void computesTheSpeedUp_asStepTimeOverWallTime_roundedToTwoDecimals() {
        // Act: the original pipeline's figures, 54.4 s of work in 27.8 s
        PhaseReport phase = PhaseReport.of(Step.Phase.INDEPENDENT, true, 27_800, 54_400);

        // Assert
        assertThat(phase.speedUp()).isEqualTo(1.96);
        assertThat(phase.phase()).isEqualTo("independent");
        assertThat(phase.parallel()).isTrue();
        assertThat(phase.ms()).isEqualTo(27_800);
        assertThat(phase.stepsMs()).isEqualTo(54_400);
    }

    @Test
    void roundsHalfUp_atTheThirdDecimal() {
        assertThat(PhaseReport.of(Step.Phase.INDEPENDENT, true, 8, 1).speedUp()).isEqualTo(0.13);
        assertThat(PhaseReport.of(Step.Phase.INDEPENDENT, true, 3, 2).speedUp()).isEqualTo(0.67);
        assertThat(PhaseReport.of(Step.Phase.INDEPENDENT, true, 3, 1).speedUp()).isEqualTo(0.33);
    }

    @Test
    void isOne_forASequentialPhase_whoseStepsFillItsWallTime() {
        // Act
        PhaseReport phase = PhaseReport.of(Step.Phase.DEPENDENT, false, 1_500, 1_500);

        // Assert
        assertThat(phase.speedUp()).isEqualTo(1.0);
        assertThat(phase.phase()).isEqualTo("dependent");
        assertThat(phase.parallel()).isFalse();
    }

    @Test
    void isZero_whenThePhaseTookNoTime() {
        assertThat(PhaseReport.of(Step.Phase.DEPENDENT, false, 0, 0).speedUp()).isZero();
        assertThat(PhaseReport.of(Step.Phase.INDEPENDENT, true, 0, 25).speedUp()).isZero();
    }

    @Test
    void isZero_whenNoStepRan() {
        assertThat(PhaseReport.of(Step.Phase.DEPENDENT, false, 4, 0).speedUp()).isZero();
    }
}
