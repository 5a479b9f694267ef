package org.marketetl.universe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.UniverseConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.Redactor;
import org.marketetl.report.Step;
import org.marketetl.report.UniverseReport;
import org.marketetl.run.RunRequest;
import org.marketetl.run.UniverseResolver;
import org.marketetl.run.UniverseSelector;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.logging.Log;

/**
 * A run's universe: the symbols its selector picks from SECURITY (reloading the symbol lists first
 * when they are older than {@code market-etl.universe.security-max-age}), and, for every run, which
 * of its symbols are delisted and whose data is already final. One SELECT for the delisted (every
 * run), one for a selector; the reload is a load of its own (lists, stage, MERGE).
 */
@ApplicationScoped
public class Universe implements UniverseResolver {

    private static final String SELECT = SqlResource.load(Universe.class, "security-select.sql");
    private static final String DELISTED = SqlResource.load(Universe.class, "security-delisted.sql");
    private static final String FINAL = "final-";

    private final SecurityLists lists;
    private final Warehouse warehouse;
    private final UniverseConfig config;

    public Universe(SecurityLists lists, Warehouse warehouse, UniverseConfig config) {
        this.lists = lists;
        this.warehouse = warehouse;
        this.config = config;
    }

    @Override
    public Resolved resolve(RunRequest request, LocalDate asOf, boolean mayReload) {
        RunRequest resolved = request;
        UniverseReport report = null;
        String failure = null;
        List<Delisted> delistedRows = null;
        if (request.universe().isPresent()) {
            long start = System.nanoTime();
            UniverseSelector selector = request.universe().get();
            ApiCallCounter calls = new ApiCallCounter();
            boolean reloaded = false;
            String error = null;
            try {
                SecurityLists.Loaded loaded = lists.loaded();
                if (mayReload && loaded.olderThan(config.securityMaxAge(), Instant.now())) {
                    lists.reload(loaded, calls);
                    reloaded = true;
                }
            } catch (RuntimeException e) {
                error = "the symbol lists could not be reloaded, SECURITY used as it was: "
                        + Redactor.redact(String.valueOf(e.getMessage()));
                Log.warn(error);
            }
            List<String> symbols = select(selector, asOf);
            delistedRows = delistedRows(asOf);
            Set<String> delisted = new HashSet<>();
            delistedRows.forEach(row -> delisted.add(row.symbol()));
            int delistedSelected = (int) symbols.stream().filter(delisted::contains).count();
            if (symbols.isEmpty()) {
                failure = "the selector " + selector.describe() + " matched no security in SECURITY"
                        + (error == null ? "" : " (" + error + ")");
            }
            resolved = request.withSymbols(symbols);
            report = new UniverseReport(selector.describe(), symbols.size(), delistedSelected, reloaded,
                    calls.requests(), (System.nanoTime() - start) / 1_000_000, failure != null ? failure : error);
        }
        Set<String> symbols = new HashSet<>(resolved.symbols());
        Map<String, LocalDate> delistedOn = new HashMap<>();
        Map<Step, Set<String>> settled = new EnumMap<>(Step.class);
        for (Delisted row : delistedRows != null ? delistedRows : delistedRows(asOf)) {
            if (symbols.contains(row.symbol())) {
                delistedOn.put(row.symbol(), row.on());
                if (row.dataset() != null && row.dataset().startsWith(FINAL)) {
                    stepOf(row.dataset()).ifPresent(step -> settled.computeIfAbsent(step, s -> new HashSet<>())
                            .add(row.symbol()));
                }
            }
        }
        return new Resolved(resolved, delistedOn, settled, report, failure);
    }

    private List<String> select(UniverseSelector selector, LocalDate asOf) {
        List<String> exchanges = selector.preset() != null ? config.usExchanges() : selector.exchanges();
        List<String> types = new ArrayList<>(selector.types());
        String sql = SELECT.replace("{exchanges}", String.join(", ", Collections.nCopies(exchanges.size(), "?")))
                .replace("{types}", String.join(", ", Collections.nCopies(types.size(), "?")));
        List<Object> params = new ArrayList<>(exchanges);
        params.addAll(types);
        params.add(asOf);
        params.add(asOf);
        params.add(selector.includeDelisted());
        return warehouse.withSession(session -> session.query(sql, row -> row.getString(1), params.toArray()));
    }

    private List<Delisted> delistedRows(LocalDate asOf) {
        return warehouse.withSession(session -> session.query(DELISTED,
                row -> new Delisted(row.getString(1), row.getDate(2).toLocalDate(), row.getString(3)), asOf));
    }

    private static Optional<Step> stepOf(String dataset) {
        try {
            return Optional.of(Step.fromId(dataset.substring(FINAL.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Delisted(String symbol, LocalDate on, String dataset) {
    }
}
