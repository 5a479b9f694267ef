package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.marketetl.report.StepStatus;
import org.marketetl.report.SymbolFailure;

/** A step's own status, from how many of its symbols failed. */
class StepOutcomeTest {

    private static StepOutcome outcome(int symbols, SymbolFailure... failures) {
        return new StepOutcome(symbols, 100, 100, List.of(failures));
    }

    @Test
    void succeeds_whenNoSymbolFailed() {
        assertThat(outcome(3).status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void isPartial_whenSomeSymbolsFailed() {
        assertThat(outcome(3, new SymbolFailure("KO", "HTTP 404")).status()).isEqualTo(StepStatus.PARTIAL);
    }

    @Test
    void fails_whenEverySymbolFailed() {
        // Arrange
        StepOutcome outcome = outcome(2, new SymbolFailure("KO", "HTTP 404"), new SymbolFailure("XOM", "malformed"));

        // Act / Assert
        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void succeeds_forAWarehouseOnlyStep() {
        // Act
        StepOutcome outcome = StepOutcome.derived(42);

        // Assert
        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.rowsLoaded()).isEqualTo(42);
        assertThat(outcome.symbols()).isZero();
        assertThat(outcome.rowsExtracted()).isZero();
        assertThat(outcome.failedSymbols()).isEmpty();
    }

    @Test
    void keepsItsOwnCopyOfTheFailures() {
        // Arrange
        List<SymbolFailure> failures = new ArrayList<>(List.of(new SymbolFailure("KO", "HTTP 404")));
        StepOutcome outcome = new StepOutcome(3, 0, 0, failures);

        // Act
        failures.add(new SymbolFailure("XOM", "HTTP 404"));

        // Assert
        assertThat(outcome.failedSymbols()).hasSize(1);
        assertThatThrownBy(() -> outcome.failedSymbols().add(new SymbolFailure("JPM", "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
