package org.marketetl.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of {@code /stable/dividends?symbol=} and {@code /stable/dividends-calendar}: the same
 * shape, keys and order as FMP documents them ({@code symbol, date, recordDate, paymentDate,
 * declarationDate, adjDividend, dividend, yield, frequency}; checked against two public clients of
 * the stable API). Dates FMP does not know are "", as it sends them; {@code yield} is annualised,
 * in percent of the close on the ex-date (a special dividend counts once).
 */
@JsonPropertyOrder({ "symbol", "date", "recordDate", "paymentDate", "declarationDate", "adjDividend", "dividend",
        "yield", "frequency" })
record DividendJson(String symbol, String date, String recordDate, String paymentDate, String declarationDate,
        BigDecimal adjDividend, BigDecimal dividend, @JsonProperty("yield") double dividendYield, String frequency) {

    static DividendJson of(DividendEvent d, SymbolData data, LocalDate asOf) {
        BigDecimal adjusted = DividendSchedule.adjusted(d, data.splits(), asOf);
        int i = data.prices().indexOnOrBefore(d.exDate());
        double close = i < 0 ? 0 : data.splits().adjusted(data.prices().bar(i), asOf).close();
        int perYear = switch (d.frequency()) {
            case "Monthly" -> 12;
            case "Quarterly" -> 4;
            case "Semi-Annual" -> 2;
            default -> 1;
        };
        double yield = close > 0 ? Money.round(adjusted.doubleValue() * perYear / close * 100, 5) : 0;
        return new DividendJson(d.symbol(), d.exDate().toString(), text(d.recordDate()), text(d.paymentDate()),
                text(d.declared()), adjusted, d.amount(), yield, d.frequency());
    }

    /** This row under another symbol: a generated security's, made from its prototype's. */
    DividendJson as(String otherSymbol) {
        return new DividendJson(otherSymbol, date, recordDate, paymentDate, declarationDate, adjDividend, dividend,
                dividendYield, frequency);
    }

    private static String text(LocalDate day) {
        return day == null ? "" : day.toString();
    }
}
