package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketetl.report.Step;
import org.marketetl.config.RunConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** Run requests as callers send them: defaults, every field, normalisation, and the malformed-input matrix. */
class RunRequestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final int MAX_SYMBOLS = 5;
    private static final String STEP_NAMES = "company, price, financial, ttm, ratios, metrics";

    /** The configuration a run sees, without booting Quarkus. */
    private record TestRunConfig(List<String> universe, int maxSymbols, Optional<LocalDate> asOf) implements RunConfig {

        @Override
        public int historyYears() {
            return 5;
        }

        @Override
        public Duration deadlineReserve() {
            return Duration.ofSeconds(20);
        }

        @Override
        public boolean emitMetrics() {
            return false;
        }

        @Override
        public Optional<Duration> maxDuration() {
            return Optional.empty();
        }

        @Override
        public Lock lock() {
            return new Lock() {
                @Override
                public Duration waitFor() {
                    return Duration.ofSeconds(30);
                }

                @Override
                public Duration expiry() {
                    return Duration.ofMinutes(2);
                }

                @Override
                public Duration renewEvery() {
                    return Duration.ofSeconds(30);
                }
            };
        }
    }

    private static RunRequestReader reader(List<String> universe) {
        RunConfig config = new TestRunConfig(universe, MAX_SYMBOLS, Optional.of(TODAY));
        return new RunRequestReader(config, new BusinessDate(config));
    }

    private final RunRequestReader reader = reader(List.of("AAPL", "MSFT", "KO"));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    // --- defaults -------------------------------------------------------------------------------

    @Test
    void runsTheConfiguredDefaults_whenTheBodyIsAnEmptyObject() {
        // Arrange
        JsonNode body = json("{}");

        // Act
        RunRequest request = reader.read(body, Trigger.API);

        // Assert
        assertThat(request.runId()).startsWith("run-").matches(RunRequestReader::isRunId);
        assertThat(request.trigger()).isEqualTo(Trigger.API);
        assertThat(request.mode()).isEqualTo(Mode.INCREMENTAL);
        assertThat(request.symbols()).containsExactly("AAPL", "MSFT", "KO");
        assertThat(request.startDate()).isEmpty();
        assertThat(request.steps()).containsExactlyInAnyOrder(Step.values());
        assertThat(request.dryRun()).isFalse();
    }

    @Test
    void runsTheConfiguredDefaults_whenThereIsNoBodyAtAll() {
        // Arrange: Java null, JSON null and a missing node all mean "no request"
        List<JsonNode> bodies = java.util.Arrays.asList(null, NullNode.getInstance(), MissingNode.getInstance());

        for (JsonNode body : bodies) {
            // Act
            RunRequest request = reader.read(body, Trigger.SCHEDULE);

            // Assert
            assertThat(request.trigger()).isEqualTo(Trigger.SCHEDULE);
            assertThat(request.mode()).isEqualTo(Mode.INCREMENTAL);
            assertThat(request.symbols()).containsExactly("AAPL", "MSFT", "KO");
            assertThat(request.steps()).isEqualTo(EnumSet.allOf(Step.class));
            assertThat(request.startDate()).isEmpty();
            assertThat(request.dryRun()).isFalse();
        }
    }

    @Test
    void generatesADifferentRunId_forEachDefaultRun() {
        // Act
        String first = reader.read(json("{}"), Trigger.DIRECT).runId();
        String second = reader.read(json("{}"), Trigger.DIRECT).runId();

        // Assert
        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"runId", "mode", "symbols", "universe", "startDate", "steps", "dryRun"})
    void refusesAJsonNull_forEveryField(String field) {
        // Arrange: null is not "the default"; "symbols": null once ran the whole universe
        JsonNode body = json("{\"" + field + "\": null}");

        // Act / Assert
        assertThatThrownBy(() -> reader.read(body, Trigger.DIRECT))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage(field + " must not be null; leave the field out for its default");
    }

    // --- every field ----------------------------------------------------------------------------

    @Test
    void readsEveryField_whenAllAreGiven() {
        // Arrange
        JsonNode body = json("""
                {"runId": "nightly-2026-11-24", "mode": "backfill", "symbols": ["AAPL", "BRK.B"],
                 "startDate": "2021-01-04", "steps": ["price", "ttm"], "dryRun": true}""");

        // Act
        RunRequest request = reader.read(body, Trigger.API);

        // Assert
        assertThat(request.runId()).isEqualTo("nightly-2026-11-24");
        assertThat(request.trigger()).isEqualTo(Trigger.API);
        assertThat(request.mode()).isEqualTo(Mode.BACKFILL);
        assertThat(request.symbols()).containsExactly("AAPL", "BRK.B");
        assertThat(request.startDate()).contains(LocalDate.of(2021, 1, 4));
        assertThat(request.steps()).containsExactlyInAnyOrder(Step.PRICE, Step.TTM);
        assertThat(request.dryRun()).isTrue();
    }

    @Test
    void readsTheSurvivorshipFreeUniverse_byItsName() {
        RunRequest request = reader.read(json("{\"universe\": \"us-common-stocks\", \"mode\": \"backfill\"}"),
                Trigger.API);

        assertThat(request.symbols()).isEmpty();
        assertThat(request.universe()).contains(new UniverseSelector("us-common-stocks", List.of(), Set.of("stock"),
                true));
    }

    @Test
    void readsAUniverseOfExchanges_upperCased_withTypesAndDelisted() {
        RunRequest request = reader.read(json("{\"universe\": {\"exchanges\": [\"nasdaq\", \"NYSE\", \"nasdaq\"], "
                + "\"types\": [\"etf\", \"stock\"], \"includeDelisted\": true}}"), Trigger.API);
        RunRequest listedOnly = reader.read(json("{\"universe\": {\"exchanges\": [\"AMEX\"]}}"), Trigger.API);

        assertThat(request.universe()).contains(new UniverseSelector(null, List.of("NASDAQ", "NYSE"),
                Set.of("stock", "etf"), true));
        assertThat(request.universe().orElseThrow().describe()).isEqualTo("NASDAQ,NYSE etf+stock (delisted included)");
        assertThat(listedOnly.universe()).contains(new UniverseSelector(null, List.of("AMEX"), Set.of("stock"),
                false));
    }

    @Test
    void readsEachMode_byItsLowerCaseId() {
        assertThat(reader.read(json("{\"mode\": \"incremental\"}"), Trigger.DIRECT).mode()).isEqualTo(Mode.INCREMENTAL);
        assertThat(reader.read(json("{\"mode\": \"backfill\"}"), Trigger.DIRECT).mode()).isEqualTo(Mode.BACKFILL);
        assertThat(reader.read(json("{\"mode\": \"full-refresh\"}"), Trigger.DIRECT).mode()).isEqualTo(Mode.FULL_REFRESH);
    }

    @Test
    void readsABackfill_withoutAStartDate_asTheConfiguredHistory() {
        // Act
        RunRequest request = reader.read(json("{\"mode\": \"backfill\"}"), Trigger.DIRECT);

        // Assert
        assertThat(request.startDate()).isEmpty();
    }

    @Test
    void acceptsStartDates_onTheBoundaries() {
        // Act
        RunRequest earliest = reader.read(json("{\"mode\": \"backfill\", \"startDate\": \"1970-01-01\"}"), Trigger.DIRECT);
        RunRequest today = reader.read(json("{\"mode\": \"backfill\", \"startDate\": \"2026-11-24\"}"), Trigger.DIRECT);

        // Assert
        assertThat(earliest.startDate()).contains(LocalDate.of(1970, 1, 1));
        assertThat(today.startDate()).contains(TODAY);
    }

    @Test
    void readsDryRunFalse_whenGivenExplicitly() {
        assertThat(reader.read(json("{\"dryRun\": false}"), Trigger.DIRECT).dryRun()).isFalse();
    }

    @Test
    void acceptsRunIds_ofSixtyFourCharacters_withDotsColonsUnderscoresAndDashes() {
        // Arrange
        String id = "A1._:-" + "x".repeat(58);

        // Act
        RunRequest request = reader.read(json("{\"runId\": \"" + id + "\"}"), Trigger.DIRECT);

        // Assert
        assertThat(id).hasSize(64);
        assertThat(request.runId()).isEqualTo(id);
    }

    @Test
    void keepsEachStepOnce_whenAStepIsNamedTwice() {
        // Act
        RunRequest request = reader.read(json("{\"steps\": [\"price\", \"price\", \"company\"]}"), Trigger.DIRECT);

        // Assert
        assertThat(request.steps()).containsExactlyInAnyOrder(Step.PRICE, Step.COMPANY);
    }

    // --- normalisation --------------------------------------------------------------------------

    @Test
    void upperCasesSymbols_removesDuplicates_andKeepsTheirOrder() {
        // Arrange
        JsonNode body = json("{\"symbols\": [\"msft\", \" aapl \", \"MSFT\", \"brk.b\", \"Aapl\"]}");

        // Act
        RunRequest request = reader.read(body, Trigger.DIRECT);

        // Assert
        assertThat(request.symbols()).containsExactly("MSFT", "AAPL", "BRK.B");
    }

    @Test
    void acceptsSymbols_asFmpWritesThem() {
        // Arrange
        JsonNode body = json("{\"symbols\": [\"BRK.B\", \"BF-B\", \"7203.T\", \"ABCDEFGHIJKLMNO\"]}");

        // Act
        RunRequest request = reader.read(body, Trigger.DIRECT);

        // Assert
        assertThat(request.symbols()).containsExactly("BRK.B", "BF-B", "7203.T", "ABCDEFGHIJKLMNO");
    }

    @Test
    void acceptsSymbols_upToTheConfiguredMaximum() {
        // Arrange
        JsonNode body = json("{\"symbols\": [\"A\", \"B\", \"C\", \"D\", \"E\"]}");

        // Act
        RunRequest request = reader.read(body, Trigger.DIRECT);

        // Assert
        assertThat(request.symbols()).hasSize(MAX_SYMBOLS);
    }

    @Test
    void normalisesTheConfiguredUniverse_likeARequestsSymbols() {
        // Arrange
        RunRequestReader lowerCaseUniverse = reader(List.of("aapl", "msft", "AAPL"));

        // Act
        RunRequest request = lowerCaseUniverse.read(json("{}"), Trigger.SCHEDULE);

        // Assert
        assertThat(request.symbols()).containsExactly("AAPL", "MSFT");
    }

    @Test
    void refusesAMalformedConfiguredUniverse_namingTheConfiguration() {
        // Arrange
        RunRequestReader badUniverse = reader(List.of("AAPL", "NOT A SYMBOL"));

        // Act / Assert
        assertThatThrownBy(() -> badUniverse.read(json("{}"), Trigger.SCHEDULE))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessageContaining("malformed symbol 'NOT A SYMBOL' in the configured universe");
    }

    // --- the malformed-input matrix -------------------------------------------------------------

    static Stream<Arguments> malformedRequests() {
        String symbolRule = "; a symbol is 1-15 letters, digits, '.' or '-'";
        String runIdRule = "runId must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
        String dateFormat = "startDate must be a date as YYYY-MM-DD, got ";
        String stepsRule = "steps must be a non-empty array of step names: " + STEP_NAMES;
        String universeForms = "universe must be \"us-common-stocks\" or an object {\"exchanges\": [\"NASDAQ\", ...], "
                + "\"types\": [\"stock\", \"etf\"], \"includeDelisted\": true|false} (types and includeDelisted optional: "
                + "stock, false)";
        return Stream.of(
                // the body itself
                Arguments.of("body is an array", "[]", "a run request must be a JSON object, got array"),
                Arguments.of("body is a string", "\"run please\"", "a run request must be a JSON object, got string"),
                Arguments.of("body is a number", "42", "a run request must be a JSON object, got number"),
                Arguments.of("body is a boolean", "true", "a run request must be a JSON object, got boolean"),
                // unknown and misspelt fields
                Arguments.of("misspelt symbols", "{\"smybols\": [\"AAPL\"]}",
                        "unknown field 'smybols'; a run request has runId, mode, symbols, universe, startDate, steps, dryRun"),
                Arguments.of("singular symbol", "{\"symbol\": \"AAPL\"}", "unknown field 'symbol'"),
                Arguments.of("snake-case dryRun", "{\"dry_run\": true}", "unknown field 'dry_run'"),
                Arguments.of("field name in the wrong case", "{\"Mode\": \"backfill\"}", "unknown field 'Mode'"),
                Arguments.of("unknown field", "{\"mode\": \"backfill\", \"force\": true}", "unknown field 'force'"),
                // runId
                Arguments.of("runId a number", "{\"runId\": 123}", "runId must be a string, got number"),
                Arguments.of("runId an object", "{\"runId\": {\"id\": 1}}", "runId must be a string, got object"),
                Arguments.of("runId a boolean", "{\"runId\": true}", "runId must be a string, got boolean"),
                Arguments.of("runId empty", "{\"runId\": \"\"}", runIdRule),
                Arguments.of("runId with a space", "{\"runId\": \"nightly run\"}", runIdRule),
                Arguments.of("runId starting with a dash", "{\"runId\": \"-nightly\"}", runIdRule),
                Arguments.of("runId 65 characters", "{\"runId\": \"" + "r".repeat(65) + "\"}", runIdRule),
                Arguments.of("runId with SQL", "{\"runId\": \"x'; DELETE FROM RUN_LEDGER;--\"}", runIdRule),
                Arguments.of("runId a path", "{\"runId\": \"../../etc/passwd\"}", runIdRule),
                // mode
                Arguments.of("unknown mode", "{\"mode\": \"weekly\"}",
                        "unknown mode 'weekly'; use one of incremental, backfill, full-refresh"),
                Arguments.of("mode in upper case", "{\"mode\": \"BACKFILL\"}", "unknown mode 'BACKFILL'"),
                Arguments.of("mode with underscore", "{\"mode\": \"full_refresh\"}", "unknown mode 'full_refresh'"),
                Arguments.of("mode a number", "{\"mode\": 1}", "mode must be a string, got number"),
                Arguments.of("mode an array", "{\"mode\": [\"backfill\"]}", "mode must be a string, got array"),
                Arguments.of("mode a boolean", "{\"mode\": true}", "mode must be a string, got boolean"),
                // symbols: shape
                Arguments.of("symbols a string", "{\"symbols\": \"AAPL\"}",
                        "symbols must be an array of ticker symbols, got string"),
                Arguments.of("symbols an object", "{\"symbols\": {\"AAPL\": true}}",
                        "symbols must be an array of ticker symbols, got object"),
                Arguments.of("symbols a number", "{\"symbols\": 5}", "symbols must be an array of ticker symbols, got number"),
                Arguments.of("symbols empty", "{\"symbols\": []}",
                        "symbols must not be empty; leave the field out to run the configured universe"),
                Arguments.of("more symbols than the maximum", "{\"symbols\": [\"A\", \"B\", \"C\", \"D\", \"E\", \"F\"]}",
                        "too many symbols: 6; at most 5 per run"),
                Arguments.of("symbol a number", "{\"symbols\": [\"AAPL\", 7203]}", "symbols must be strings, got number"),
                Arguments.of("symbol null", "{\"symbols\": [null]}", "symbols must be strings, got null"),
                Arguments.of("symbol an array", "{\"symbols\": [[\"AAPL\"]]}", "symbols must be strings, got array"),
                Arguments.of("symbol an object", "{\"symbols\": [{\"symbol\": \"AAPL\"}]}", "symbols must be strings, got object"),
                // symbols: content
                Arguments.of("symbol with SQL injection", "{\"symbols\": [\"AAPL'; DROP TABLE COMPANY;--\"]}",
                        "malformed symbol 'AAPL'; DROP TABLE COMPANY;--' in symbols" + symbolRule),
                Arguments.of("symbol a path", "{\"symbols\": [\"../../etc\"]}", "malformed symbol '../../etc' in symbols"),
                Arguments.of("symbol a script tag", "{\"symbols\": [\"<script>\"]}", "malformed symbol '<script>' in symbols"),
                Arguments.of("symbol 20 characters", "{\"symbols\": [\"ABCDEFGHIJKLMNOPQRST\"]}",
                        "malformed symbol 'ABCDEFGHIJKLMNOPQRST' in symbols"),
                Arguments.of("symbol empty", "{\"symbols\": [\"\"]}", "malformed symbol '' in symbols"),
                Arguments.of("symbol only whitespace", "{\"symbols\": [\"   \"]}", "malformed symbol '   ' in symbols"),
                Arguments.of("symbol with inner whitespace", "{\"symbols\": [\"AA PL\"]}", "malformed symbol 'AA PL' in symbols"),
                Arguments.of("symbol with a leading dot", "{\"symbols\": [\".AAPL\"]}", "malformed symbol '.AAPL' in symbols"),
                Arguments.of("symbol with an umlaut", "{\"symbols\": [\"ÄPFEL\"]}", "malformed symbol 'ÄPFEL' in symbols"),
                Arguments.of("symbol an emoji", "{\"symbols\": [\"\uD83D\uDCC8\"]}", "malformed symbol '\uD83D\uDCC8' in symbols"),
                Arguments.of("symbol with a control character", "{\"symbols\": [\"AAPL\\u0000\"]}", "malformed symbol 'AAPL"),
                Arguments.of("symbol with sharp s (upper-cases to SS)", "{\"symbols\": [\"straße\"]}",
                        "malformed symbol 'straße' in symbols"),
                Arguments.of("symbol with dotless i (upper-cases to I)", "{\"symbols\": [\"\u0131bm\"]}",
                        "malformed symbol '\u0131bm' in symbols"),
                Arguments.of("symbol with fullwidth letters", "{\"symbols\": [\"\uFF21\uFF21\uFF30\uFF2C\"]}",
                        "malformed symbol '\uFF21\uFF21\uFF30\uFF2C' in symbols"),
                // startDate
                Arguments.of("month 13", "{\"mode\": \"backfill\", \"startDate\": \"2026-13-01\"}", dateFormat + "'2026-13-01'"),
                Arguments.of("30 February", "{\"mode\": \"backfill\", \"startDate\": \"2026-02-30\"}", dateFormat + "'2026-02-30'"),
                Arguments.of("a word", "{\"mode\": \"backfill\", \"startDate\": \"yesterday\"}", dateFormat + "'yesterday'"),
                Arguments.of("slashes", "{\"mode\": \"backfill\", \"startDate\": \"2026/01/02\"}", dateFormat + "'2026/01/02'"),
                Arguments.of("day first", "{\"mode\": \"backfill\", \"startDate\": \"02-01-2026\"}", dateFormat + "'02-01-2026'"),
                Arguments.of("with a time", "{\"mode\": \"backfill\", \"startDate\": \"2026-01-02T00:00:00Z\"}",
                        dateFormat + "'2026-01-02T00:00:00Z'"),
                Arguments.of("empty", "{\"mode\": \"backfill\", \"startDate\": \"\"}", dateFormat + "''"),
                Arguments.of("startDate a number", "{\"mode\": \"backfill\", \"startDate\": 20260102}",
                        "startDate must be a string, got number"),
                Arguments.of("startDate an object", "{\"mode\": \"backfill\", \"startDate\": {\"year\": 2026}}",
                        "startDate must be a string, got object"),
                Arguments.of("future date", "{\"mode\": \"backfill\", \"startDate\": \"2026-11-25\"}",
                        "startDate must lie between 1970-01-01 and 2026-11-24, got 2026-11-25"),
                Arguments.of("before 1970", "{\"mode\": \"backfill\", \"startDate\": \"1969-12-31\"}",
                        "startDate must lie between 1970-01-01 and 2026-11-24, got 1969-12-31"),
                Arguments.of("startDate with mode incremental", "{\"mode\": \"incremental\", \"startDate\": \"2026-01-02\"}",
                        "startDate applies to mode backfill only"),
                Arguments.of("startDate with the default mode", "{\"startDate\": \"2026-01-02\"}",
                        "startDate applies to mode backfill only"),
                Arguments.of("startDate with mode full-refresh", "{\"mode\": \"full-refresh\", \"startDate\": \"2026-01-02\"}",
                        "startDate applies to mode backfill only"),
                // steps
                Arguments.of("steps empty", "{\"steps\": []}", stepsRule),
                Arguments.of("steps a string", "{\"steps\": \"price\"}", stepsRule),
                Arguments.of("steps an object", "{\"steps\": {\"price\": true}}", stepsRule),
                Arguments.of("unknown step", "{\"steps\": [\"price\", \"dividends\"]}",
                        "unknown step 'dividends'; steps are " + STEP_NAMES),
                Arguments.of("step in upper case", "{\"steps\": [\"PRICE\"]}", "unknown step 'PRICE'"),
                Arguments.of("step a number", "{\"steps\": [1]}", "steps must be strings, got number"),
                Arguments.of("step null", "{\"steps\": [null]}", "steps must be strings, got null"),
                // universe
                Arguments.of("universe and symbols", "{\"symbols\": [\"AAPL\"], \"universe\": \"us-common-stocks\"}",
                        "give symbols or universe, not both"),
                Arguments.of("unknown universe", "{\"universe\": \"everything\"}",
                        "unknown universe 'everything'; " + universeForms),
                Arguments.of("universe a list of symbols", "{\"universe\": [\"AAPL\"]}", universeForms + ", got array"),
                Arguments.of("universe a number", "{\"universe\": 3}", universeForms + ", got number"),
                Arguments.of("universe without exchanges", "{\"universe\": {\"includeDelisted\": true}}",
                        "universe.exchanges must be a non-empty array of exchange names"),
                Arguments.of("universe with no exchange", "{\"universe\": {\"exchanges\": []}}",
                        "universe.exchanges must be a non-empty array of exchange names"),
                Arguments.of("universe exchange with SQL", "{\"universe\": {\"exchanges\": [\"NYSE') OR 1=1 --\"]}}",
                        "malformed exchange 'NYSE') OR 1=1 --' in universe.exchanges"),
                Arguments.of("universe exchange a number", "{\"universe\": {\"exchanges\": [7]}}",
                        "malformed exchange number in universe.exchanges"),
                Arguments.of("universe unknown type", "{\"universe\": {\"exchanges\": [\"NYSE\"], \"types\": [\"bond\"]}}",
                        "unknown type 'bond' in universe.types; types are stock, etf"),
                Arguments.of("universe types empty", "{\"universe\": {\"exchanges\": [\"NYSE\"], \"types\": []}}",
                        "universe.types must be a non-empty array of stock, etf"),
                Arguments.of("universe includeDelisted a string",
                        "{\"universe\": {\"exchanges\": [\"NYSE\"], \"includeDelisted\": \"yes\"}}",
                        "universe.includeDelisted must be true or false, got string"),
                Arguments.of("universe unknown field", "{\"universe\": {\"exchanges\": [\"NYSE\"], \"sector\": \"Tech\"}}",
                        "unknown field 'universe.sector'; " + universeForms),
                Arguments.of("universe field null", "{\"universe\": {\"exchanges\": [\"NYSE\"], \"types\": null}}",
                        "universe.types must not be null; leave the field out for its default"),
                // dryRun
                Arguments.of("dryRun the string true", "{\"dryRun\": \"true\"}", "dryRun must be true or false, got string"),
                Arguments.of("dryRun a number", "{\"dryRun\": 1}", "dryRun must be true or false, got number"),
                Arguments.of("dryRun an object", "{\"dryRun\": {}}", "dryRun must be true or false, got object"));
    }

    @ParameterizedTest(name = "[{index}] refuses {0}")
    @MethodSource("malformedRequests")
    void refusesAMalformedRequest_withAMessageThatSaysWhatIsWrong(String what, String body, String expectedMessage) {
        // Arrange
        JsonNode request = json(body);

        // Act
        InvalidRunRequestException refusal = catchThrowableOfType(InvalidRunRequestException.class,
                () -> reader.read(request, Trigger.API));

        // Assert
        assertThat(refusal).as(what).isNotNull();
        assertThat(refusal.getMessage()).as(what).contains(expectedMessage);
    }

    @Test
    void refusesSymbols_whenMoreThanTheConfiguredMaximum_evenIfTheyAreValid() {
        // Arrange
        JsonNode body = json("{\"symbols\": [\"AAPL\", \"MSFT\", \"KO\", \"JPM\", \"XOM\", \"V\"]}");

        // Act / Assert
        assertThatThrownBy(() -> reader.read(body, Trigger.API))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("too many symbols: 6; at most 5 per run");
    }

    // --- messages quote at most 40 characters of input ------------------------------------------

    static Stream<Arguments> longInputs() {
        String longText = "Z".repeat(35) + "0123456789" + "y".repeat(200);
        return Stream.of(
                Arguments.of("field name", "{\"" + longText + "\": 1}"),
                Arguments.of("mode", "{\"mode\": \"" + longText + "\"}"),
                Arguments.of("symbol", "{\"symbols\": [\"" + longText + "\"]}"),
                Arguments.of("startDate", "{\"mode\": \"backfill\", \"startDate\": \"" + longText + "\"}"),
                Arguments.of("step", "{\"steps\": [\"" + longText + "\"]}"),
                Arguments.of("runId", "{\"runId\": \"" + longText + "\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("longInputs")
    void quotesAtMostFortyCharactersOfCallerInput_inItsMessage(String where, String body) {
        // Arrange
        String first40 = "Z".repeat(35) + "01234";

        // Act
        InvalidRunRequestException refusal = catchThrowableOfType(InvalidRunRequestException.class,
                () -> reader.read(json(body), Trigger.API));

        // Assert
        assertThat(refusal).as(where).isNotNull();
        assertThat(refusal.getMessage()).as(where).doesNotContain(first40 + "5").doesNotContain("yyy").hasSizeLessThan(200);
        if (!where.equals("runId")) {
            assertThat(refusal.getMessage()).as(where).contains(first40 + "...");
        }
    }

    @Test
    void echoesShortInputUnchanged_andCutsLongInputAtFortyCharacters() {
        assertThat(InvalidRunRequestException.echo("AAPL")).isEqualTo("AAPL");
        assertThat(InvalidRunRequestException.echo("x".repeat(40))).isEqualTo("x".repeat(40));
        assertThat(InvalidRunRequestException.echo("x".repeat(41))).isEqualTo("x".repeat(40) + "...");
    }
}
