package org.marketetl.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The original-shaped configuration's wall time over ours, for one kind and universe size.
 *
 * @param comparison e.g. {@code daily-500}
 * @param originalWallMs wall time of the original-shaped run
 * @param oursWallMs     wall time of ours
 * @param ratio          {@code originalWallMs / oursWallMs}, one decimal
 */
public record Comparison(String comparison, long originalWallMs, long oursWallMs, double ratio) {

    static List<Comparison> of(List<ScenarioResult> results) {
        List<Comparison> comparisons = new ArrayList<>();
        for (ScenarioResult ours : results) {
            if (!ours.shape().equals(Shape.OURS.id()) || !isStandard(ours)) {
                continue;
            }
            find(results, ours.kind(), ours.symbols(), Shape.ORIGINAL).ifPresent(original -> comparisons.add(
                    new Comparison(ours.kind() + "-" + ours.symbols(), original.wallMs(), ours.wallMs(),
                            Math.round(10.0 * original.wallMs() / Math.max(1, ours.wallMs())) / 10.0)));
        }
        return comparisons;
    }

    static Optional<Comparison> forResult(List<Comparison> comparisons, ScenarioResult result) {
        return comparisons.stream().filter(c -> isStandard(result)
                && c.comparison().equals(result.kind() + "-" + result.symbols())).findFirst();
    }

    private static Optional<ScenarioResult> find(List<ScenarioResult> results, String kind, int symbols, Shape shape) {
        return results.stream().filter(r -> r.kind().equals(kind) && r.symbols() == symbols
                && r.shape().equals(shape.id()) && isStandard(r)).findFirst();
    }

    /** A scenario of issue 5 (e.g. daily-500-ours), not a variant such as daily-splits-500-ours. */
    private static boolean isStandard(ScenarioResult result) {
        return result.scenario().equals(result.kind() + "-" + result.symbols() + "-" + result.shape());
    }
}
