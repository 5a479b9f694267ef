package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** FMP's bulk CSV as it comes over the wire, read row by row into the JSON endpoints' DTOs. */
class CsvRowsTest {

    private static final String INCOME = "\"date\",\"symbol\",\"reportedCurrency\",\"cik\",\"filingDate\","
            + "\"acceptedDate\",\"fiscalYear\",\"period\",\"revenue\",\"costOfRevenue\",\"eps\"\n";

    @Test
    void readsAQuotedHeader_andFindsCellsByColumnName() throws IOException {
        try (CsvRows rows = CsvRows.of(body(INCOME + "\"2025-03-31\",\"AAPL\",\"USD\",\"0000320193\",\"2025-05-02\","
                + "\"2025-05-02 18:04:23\",\"2025\",\"Q2\",95359000000,50492000000,1.65\n"))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.get("symbol")).isEqualTo("AAPL");
            assertThat(rows.get("cik")).isEqualTo("0000320193");
            assertThat(rows.get("fiscalYear")).isEqualTo("2025");
            assertThat(rows.get("nonexistent")).isNull();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void anEmptyCellAndEmptyQuotes_areBothAbsent() throws IOException {
        try (CsvRows rows = CsvRows.of(body(INCOME + "\"2025-03-31\",\"XYZ\",\"\",,\"2025-05-02\",,\"2025\",\"Q1\",,\"\",\n"))) {
            rows.next();
            IncomeStatement statement = rows.as(IncomeStatement.class);

            assertThat(statement.reportedCurrency()).isNull();
            assertThat(statement.revenue()).isNull();
            assertThat(statement.costOfRevenue()).isNull();
            assertThat(statement.eps()).isNull();
            assertThat(statement.date()).isEqualTo(LocalDate.of(2025, 3, 31));
            assertThat(statement.fiscalYear()).isEqualTo("2025");
        }
    }

    @Test
    void aRowBecomesTheDto_theJsonWouldHaveGiven() throws IOException {
        try (CsvRows rows = CsvRows.of(body(INCOME + "\"2025-03-31\",\"AAPL\",\"USD\",\"0000320193\",\"2025-05-02\","
                + "\"2025-05-02 18:04:23\",\"2025\",\"Q2\",95359000000,50492000000,1.65\n"))) {
            rows.next();
            IncomeStatement statement = rows.as(IncomeStatement.class);

            assertThat(statement.revenue()).isEqualByComparingTo(new BigDecimal("95359000000"));
            assertThat(statement.eps()).isEqualByComparingTo(new BigDecimal("1.65"));
            assertThat(statement.filingDate()).isEqualTo(LocalDate.of(2025, 5, 2));
            assertThat(statement.period()).isEqualTo("Q2");
        }
    }

    @Test
    void aCellThatIsNotItsFieldsType_failsThatRowOnly() throws IOException {
        try (CsvRows rows = CsvRows.of(body(INCOME + "\"2025-03-31\",\"BAD\",\"USD\",,,,\"2025\",\"Q1\",n/a,,\n"
                + "\"2025-03-31\",\"GOOD\",\"USD\",,,,\"2025\",\"Q1\",10,,\n"))) {
            rows.next();
            assertThatThrownBy(() -> rows.as(IncomeStatement.class)).isInstanceOf(IllegalArgumentException.class);
            rows.next();
            assertThat(rows.as(IncomeStatement.class).revenue()).isEqualByComparingTo(BigDecimal.TEN);
        }
    }

    @Test
    void textWithCommasQuotesAndLineBreaks_readsWhole() throws IOException {
        try (CsvRows rows = CsvRows.of(body("\"symbol\",\"description\"\n\"X\",\"One, \"\"two\"\"\nthree\"\n"))) {
            rows.next();
            assertThat(rows.get("description")).isEqualTo("One, \"two\"\nthree");
        }
    }

    @Test
    void anEmptyBody_hasNoRows() throws IOException {
        try (CsvRows rows = CsvRows.of(body(""))) {
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void eodBulk_keepsTheWantedSymbols_roundsAFractionalVolume_andComputesVwapAsFmpDoes() throws IOException {
        String csv = "\"symbol\",\"date\",\"open\",\"low\",\"high\",\"close\",\"adjClose\",\"volume\"\n"
                + "\"AAPL\",\"2026-11-20\",100.1,99.5,101.75,101.2,101.2,\"475.9\"\n"
                + "\"SKIP\",\"2026-11-20\",1,1,1,1,1,1\n"
                + "\"BROKEN\",\"2026-11-20\",n/a\n";

        EodBulk bulk = EodBulk.read(body(csv), symbol -> !symbol.equals("SKIP"));

        assertThat(bulk.prices()).singleElement().satisfies(price -> {
            assertThat(price.symbol()).isEqualTo("AAPL");
            assertThat(price.high()).isEqualByComparingTo("101.75");
            assertThat(price.low()).isEqualByComparingTo("99.5");
            assertThat(price.volume()).isEqualTo(476L);
            assertThat(price.vwap()).isEqualByComparingTo("100.6375");
            assertThat(price.changePercent()).isEqualTo(1.0989);
        });
        assertThat(bulk.malformed()).containsOnlyKeys("BROKEN");
    }

    @Test
    void eodBulk_withoutAPriceColumn_isMalformed() {
        assertThatThrownBy(() -> EodBulk.read(body("\"symbol\",\"date\"\n\"AAPL\",\"2026-11-20\"\n"), s -> true))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("no column 'open'");
    }

    @Test
    void aLargeBody_isReadAsAStream_rowByRow() throws IOException {
        int rows = 200_000;
        InputStream generated = new InputStream() {
            private final byte[] header = INCOME.getBytes(StandardCharsets.UTF_8);
            private int row = -1;
            private byte[] current = header;
            private int position;

            @Override
            public int read() {
                if (position == current.length) {
                    if (++row >= rows) {
                        return -1;
                    }
                    current = ("\"2025-03-31\",\"S" + row + "\",\"USD\",,,,\"2025\",\"Q1\"," + row + ",,\n")
                            .getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                return current[position++];
            }
        };
        List<String> kept = new ArrayList<>();
        try (CsvRows csv = CsvRows.of(generated)) {
            while (csv.next()) {
                if (csv.get("symbol").endsWith("99999")) {
                    kept.add(csv.get("revenue"));
                }
            }
        }

        assertThat(kept).containsExactly("99999", "199999");
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
