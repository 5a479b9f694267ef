package org.marketetl.run;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.report.Step;
import org.marketetl.config.RunConfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the JSON of a run request into a {@link RunRequest}, or refuses it with a message that
 * names the field and what is allowed. Nothing runs before this has passed, so bad input never
 * costs an API call or a write. Unknown fields are refused too: a misspelt {@code "smybols"}
 * silently running the whole universe would be worse than an error.
 */
@ApplicationScoped
public class RunRequestReader {

    /** Ticker symbols as FMP writes them: AAPL, BRK.B, BF-B, 7203.T. */
    static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");
    /** {@link #SYMBOL} before upper-casing; without UNICODE_CASE it folds ASCII letters only. */
    private static final Pattern SYMBOL_ANY_CASE = Pattern.compile(SYMBOL.pattern(), Pattern.CASE_INSENSITIVE);
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,63}");
    static final List<String> FIELDS = List.of("runId", "mode", "symbols", "universe", "startDate", "steps",
            "dryRun");
    static final List<String> UNIVERSE_FIELDS = List.of("exchanges", "types", "includeDelisted");
    /** FMP's exchange short names: NASDAQ, NYSE, AMEX, LSE, XETRA, OTC; checked before upper-casing. */
    private static final Pattern EXCHANGE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");
    private static final String UNIVERSE_FORMS = "universe must be \"" + UniverseSelector.US_COMMON_STOCKS
            + "\" or an object {\"exchanges\": [\"NASDAQ\", ...], \"types\": [\"stock\", \"etf\"], "
            + "\"includeDelisted\": true|false} (types and includeDelisted optional: stock, false)";
    private static final LocalDate EARLIEST_START = LocalDate.of(1970, 1, 1);

    private final RunConfig config;
    private final BusinessDate businessDate;

    public RunRequestReader(RunConfig config, BusinessDate businessDate) {
        this.config = config;
        this.businessDate = businessDate;
    }

    /**
     * Reads a request; {@code body} may be absent (no request sent, or JSON {@code null} as the
     * whole event) or an empty object for a default run. A field that is present must hold a value: JSON {@code null} for any field is refused,
     * not taken as "the default", since {@code "symbols": null} running the whole universe is the
     * kind of surprise a caller cannot undo. Leave a field out for its default.
     */
    public RunRequest read(JsonNode body, Trigger trigger) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return defaults(trigger);
        }
        if (!body.isObject()) {
            throw invalid("a run request must be a JSON object, got " + kind(body));
        }
        rejectUnknownFields(body);
        rejectNulls(body);
        Mode mode = mode(body.get("mode"));
        Optional<LocalDate> startDate = startDate(body.get("startDate"), mode);
        Optional<UniverseSelector> universe = universe(body.get("universe"));
        if (universe.isPresent() && body.has("symbols")) {
            throw invalid("give symbols or universe, not both");
        }
        return new RunRequest(
                runId(body.get("runId")),
                trigger,
                mode,
                universe.isPresent() ? List.of() : symbols(body.get("symbols")),
                startDate,
                steps(body.get("steps")),
                dryRun(body.get("dryRun")),
                universe);
    }

    /**
     * Reads the request of a run whose id is already given: the run state machine names its
     * execution by the run id. A run id in the request itself must be that one.
     */
    public RunRequest readForRun(JsonNode body, Trigger trigger, String runId) {
        if (!isRunId(runId)) {
            throw invalid("runId must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        JsonNode own = body == null || !body.isObject() ? null : body.get("runId");
        if (own != null && !own.isNull() && !runId.equals(own.asText())) {
            throw invalid("the request's runId '" + InvalidRunRequestException.echo(own.asText())
                    + "' is not the run's id '" + runId + "'");
        }
        return read(body, trigger).withRunId(runId);
    }

    private RunRequest defaults(Trigger trigger) {
        return new RunRequest(newRunId(), trigger, Mode.INCREMENTAL, symbols(null), Optional.empty(),
                EnumSet.allOf(Step.class), false, Optional.empty());
    }

    private static void rejectUnknownFields(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + InvalidRunRequestException.echo(name) + "'; a run request has " + String.join(", ", FIELDS));
            }
        }
    }

    private static void rejectNulls(JsonNode body) {
        for (String field : FIELDS) {
            if (body.has(field) && body.get(field).isNull()) {
                throw invalid(field + " must not be null; leave the field out for its default");
            }
        }
    }

    private static String runId(JsonNode node) {
        if (absent(node)) {
            return newRunId();
        }
        String id = text(node, "runId");
        if (!isRunId(id)) {
            throw invalid("runId must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return id;
    }

    private static Mode mode(JsonNode node) {
        if (absent(node)) {
            return Mode.INCREMENTAL;
        }
        String id = text(node, "mode");
        try {
            return Mode.fromId(id);
        } catch (IllegalArgumentException e) {
            throw invalid("unknown mode '" + InvalidRunRequestException.echo(id) + "'; use one of "
                    + Arrays.stream(Mode.values()).map(Mode::id).collect(Collectors.joining(", ")));
        }
    }

    private List<String> symbols(JsonNode node) {
        if (absent(node)) {
            return normalise(config.universe(), "the configured universe");
        }
        if (!node.isArray()) {
            throw invalid("symbols must be an array of ticker symbols, got " + kind(node));
        }
        if (node.isEmpty()) {
            throw invalid("symbols must not be empty; leave the field out to run the configured universe");
        }
        if (node.size() > config.maxSymbols()) {
            throw invalid("too many symbols: " + node.size() + "; at most " + config.maxSymbols() + " per run");
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw invalid("symbols must be strings, got " + kind(element));
            }
            symbols.add(element.asText());
        }
        return normalise(symbols, "symbols");
    }

    /**
     * The universe selector: {@value UniverseSelector#US_COMMON_STOCKS}, or an object naming the
     * exchanges (and optionally the types and whether delisted securities count).
     */
    private static Optional<UniverseSelector> universe(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            if (!UniverseSelector.US_COMMON_STOCKS.equals(node.asText())) {
                throw invalid("unknown universe '" + InvalidRunRequestException.echo(node.asText()) + "'; "
                        + UNIVERSE_FORMS);
            }
            return Optional.of(UniverseSelector.usCommonStocks());
        }
        if (!node.isObject()) {
            throw invalid(UNIVERSE_FORMS + ", got " + kind(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!UNIVERSE_FIELDS.contains(name)) {
                throw invalid("unknown field 'universe." + InvalidRunRequestException.echo(name) + "'; " + UNIVERSE_FORMS);
            }
            if (node.get(name).isNull()) {
                throw invalid("universe." + name + " must not be null; leave the field out for its default");
            }
        }
        return Optional.of(new UniverseSelector(null, exchanges(node.get("exchanges")), types(node.get("types")),
                includeDelisted(node.get("includeDelisted"))));
    }

    private static List<String> exchanges(JsonNode node) {
        if (absent(node) || !node.isArray() || node.isEmpty()) {
            throw invalid("universe.exchanges must be a non-empty array of exchange names, e.g. [\"NASDAQ\", \"NYSE\"]");
        }
        Set<String> exchanges = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || !EXCHANGE.matcher(element.asText()).matches()) {
                throw invalid("malformed exchange " + (element.isTextual()
                        ? "'" + InvalidRunRequestException.echo(element.asText()) + "'" : kind(element))
                        + " in universe.exchanges; an exchange is 1-16 letters and digits, e.g. NASDAQ");
            }
            exchanges.add(element.asText().toUpperCase(Locale.ROOT));
        }
        return List.copyOf(exchanges);
    }

    private static Set<String> types(JsonNode node) {
        if (absent(node)) {
            return Set.of(UniverseSelector.STOCK);
        }
        List<String> allowed = List.of(UniverseSelector.STOCK, UniverseSelector.ETF);
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("universe.types must be a non-empty array of " + String.join(", ", allowed));
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || !allowed.contains(element.asText())) {
                throw invalid("unknown type " + (element.isTextual()
                        ? "'" + InvalidRunRequestException.echo(element.asText()) + "'" : kind(element))
                        + " in universe.types; types are " + String.join(", ", allowed));
            }
            types.add(element.asText());
        }
        return types;
    }

    private static boolean includeDelisted(JsonNode node) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid("universe.includeDelisted must be true or false, got " + kind(node));
        }
        return node.booleanValue();
    }

    private static List<String> normalise(List<String> symbols, String where) {
        Set<String> unique = new LinkedHashSet<>();
        for (String raw : symbols) {
            // Check before upper-casing: Unicode upper-casing turns "ß" into "SS" and "ı" into "I",
            // so a non-ASCII symbol would otherwise pass the pattern as a different ticker.
            String stripped = raw.strip();
            if (!SYMBOL_ANY_CASE.matcher(stripped).matches()) {
                throw invalid("malformed symbol '" + InvalidRunRequestException.echo(raw) + "' in " + where
                        + "; a symbol is 1-15 letters, digits, '.' or '-'");
            }
            unique.add(stripped.toUpperCase(Locale.ROOT));
        }
        return List.copyOf(unique);
    }

    private Optional<LocalDate> startDate(JsonNode node, Mode mode) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (mode != Mode.BACKFILL) {
            throw invalid("startDate applies to mode backfill only");
        }
        String text = text(node, "startDate");
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("startDate must be a date as YYYY-MM-DD, got '" + InvalidRunRequestException.echo(text) + "'");
        }
        LocalDate today = businessDate.today();
        if (date.isAfter(today) || date.isBefore(EARLIEST_START)) {
            throw invalid("startDate must lie between " + EARLIEST_START + " and " + today + ", got " + date);
        }
        return Optional.of(date);
    }

    private static Set<Step> steps(JsonNode node) {
        if (absent(node)) {
            return EnumSet.allOf(Step.class);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("steps must be a non-empty array of step names: " + stepNames());
        }
        Set<Step> steps = EnumSet.noneOf(Step.class);
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw invalid("steps must be strings, got " + kind(element));
            }
            try {
                steps.add(Step.fromId(element.asText()));
            } catch (IllegalArgumentException e) {
                throw invalid("unknown step '" + InvalidRunRequestException.echo(element.asText()) + "'; steps are " + stepNames());
            }
        }
        return steps;
    }

    private static boolean dryRun(JsonNode node) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid("dryRun must be true or false, got " + kind(node));
        }
        return node.booleanValue();
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw invalid(field + " must be a string, got " + kind(node));
        }
        return node.asText();
    }

    /** Left out; a JSON null never gets here ({@link #rejectNulls}). */
    private static boolean absent(JsonNode node) {
        return node == null;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String stepNames() {
        return Arrays.stream(Step.values()).map(Step::id).collect(Collectors.joining(", "));
    }

    /** Whether {@code id} is a well-formed run id. */
    public static boolean isRunId(String id) {
        return RUN_ID.matcher(id).matches();
    }

    static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    private static InvalidRunRequestException invalid(String message) {
        return new InvalidRunRequestException(message);
    }
}
