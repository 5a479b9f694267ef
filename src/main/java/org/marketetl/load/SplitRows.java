package org.marketetl.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.marketetl.marketdata.StockSplit;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;

/** FMP's splits as rows of STG_SPLIT, merged into SPLIT in the price ETL's transaction. */
final class SplitRows {

    static final StagedTable SPLIT = new StagedTable("STG_SPLIT",
            List.of("SYMBOL", "SPLIT_DATE", "NUMERATOR", "DENOMINATOR"),
            SqlResource.load(PriceEtl.class, "split-merge.sql"));

    private SplitRows() {
    }

    /**
     * Staging rows of {@code symbol}'s splits dated on or before {@code asOf} (FMP lists announced
     * splits ahead of their date; they count from their day on); one per day.
     */
    static List<Object[]> rows(String symbol, List<StockSplit> splits, LocalDate asOf) {
        Map<LocalDate, Object[]> byDay = new LinkedHashMap<>();
        for (StockSplit split : splits) {
            Rows.sameSymbol(symbol, split.symbol());
            LocalDate day = Rows.required(split.date(), "split date");
            if (!day.isAfter(asOf)) {
                BigDecimal[] ratio = wholeRatio(positive(split.numerator(), "numerator", day),
                        positive(split.denominator(), "denominator", day));
                byDay.put(day, new Object[] { symbol, day, ratio[0], ratio[1] });
            }
        }
        return new ArrayList<>(byDay.values());
    }

    /**
     * The ratio in lowest whole terms (1.5 : 1 is 3 : 2, 1239 : 1000 stays): the metrics step
     * multiplies numerators and denominators of several splits separately and divides once at the
     * end, which is exact only for whole numbers (derive/metrics.sql).
     */
    static BigDecimal[] wholeRatio(BigDecimal numerator, BigDecimal denominator) {
        int scale = Math.max(0, Math.max(numerator.stripTrailingZeros().scale(), denominator.stripTrailingZeros().scale()));
        BigInteger n = numerator.movePointRight(scale).toBigIntegerExact();
        BigInteger d = denominator.movePointRight(scale).toBigIntegerExact();
        BigInteger gcd = n.gcd(d);
        return new BigDecimal[] { new BigDecimal(n.divide(gcd)), new BigDecimal(d.divide(gcd)) };
    }

    private static BigDecimal positive(BigDecimal value, String field, LocalDate day) {
        Rows.required(value, "split " + field + " on " + day);
        if (value.signum() <= 0) {
            throw new MalformedDataException("split " + field + " on " + day + " is " + value.toPlainString());
        }
        return value;
    }
}
