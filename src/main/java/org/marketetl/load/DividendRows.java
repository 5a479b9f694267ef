package org.marketetl.load;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.marketetl.marketdata.Dividend;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;

/** FMP's dividends as rows of STG_DIVIDEND, merged into DIVIDEND in the price ETL's transaction. */
final class DividendRows {

    static final StagedTable DIVIDEND = new StagedTable("STG_DIVIDEND",
            List.of("SYMBOL", "EX_DATE", "DIVIDEND", "ADJ_DIVIDEND", "RECORD_DATE", "PAYMENT_DATE", "DECLARATION_DATE",
                    "YIELD", "FREQUENCY"),
            SqlResource.load(PriceEtl.class, "dividend-merge.sql"));

    private DividendRows() {
    }

    /**
     * Staging rows of {@code symbol}'s dividends, one per ex-date: FMP may list a special dividend
     * on the ex-date of a regular one as a row of its own, and both count, so they become one row
     * holding the sums of the amounts (and yields), the other fields those of the first listed.
     */
    static List<Object[]> rows(String symbol, List<Dividend> dividends) {
        Map<LocalDate, Object[]> byExDate = new LinkedHashMap<>();
        for (Dividend d : dividends) {
            Rows.sameSymbol(symbol, d.symbol());
            LocalDate exDate = Rows.required(d.date(), "dividend date");
            BigDecimal amount = Rows.required(d.dividend(), "dividend on " + exDate);
            Object[] row = new Object[] { symbol, exDate, amount, d.adjDividend(), Rows.optionalDate(d.recordDate()),
                    Rows.optionalDate(d.paymentDate()), Rows.optionalDate(d.declarationDate()), d.dividendYield(),
                    d.frequency() };
            byExDate.merge(exDate, row, DividendRows::together);
        }
        return new ArrayList<>(byExDate.values());
    }

    private static Object[] together(Object[] first, Object[] second) {
        Object[] row = first.clone();
        row[2] = ((BigDecimal) first[2]).add((BigDecimal) second[2]);
        row[3] = first[3] == null || second[3] == null ? null : ((BigDecimal) first[3]).add((BigDecimal) second[3]);
        row[7] = first[7] == null || second[7] == null ? null : (Double) first[7] + (Double) second[7];
        return row;
    }
}
