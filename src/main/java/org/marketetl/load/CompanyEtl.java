package org.marketetl.load;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.CompanyProfile;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.run.RunContext;
import org.marketetl.run.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;
import org.marketetl.warehouse.Warehouse;

/** Company profiles: one FMP call per symbol -> STG_COMPANY -> MERGE COMPANY. */
@ApplicationScoped
public class CompanyEtl implements StepTask {

    static final StagedTable COMPANY = new StagedTable("STG_COMPANY", List.of("SYMBOL", "COMPANY_NAME", "CURRENCY",
            "EXCHANGE", "EXCHANGE_FULL_NAME", "SECTOR", "INDUSTRY", "COUNTRY", "CIK", "ISIN", "CUSIP", "CEO", "WEBSITE",
            "IPO_DATE", "FULL_TIME_EMPLOYEES", "BETA", "IS_ETF", "IS_ACTIVELY_TRADING"),
            SqlResource.load(CompanyEtl.class, "company-merge.sql"));

    private final MarketDataClient client;
    private final SymbolExtraction extraction;
    private final Warehouse warehouse;

    public CompanyEtl(MarketDataClient client, SymbolExtraction extraction, Warehouse warehouse) {
        this.client = client;
        this.extraction = extraction;
        this.warehouse = warehouse;
    }

    @Override
    public Step step() {
        return Step.COMPANY;
    }

    @Override
    public StepOutcome run(RunContext context) {
        List<String> symbols = context.request().symbols();
        ApiCallCounter calls = new ApiCallCounter();
        return warehouse.inTransaction(session -> {
            StagedTable.Load load = COMPANY.open(session);
            SymbolExtraction.Result result = extraction.extract(symbols,
                    symbol -> client.profile(symbol, calls).map(profiles -> rows(symbol, profiles)), List::size, chunk -> load.stage(Rows.flatten(chunk)));
            int merged = load.merge();
            return new StepOutcome(symbols.size(), result.rows(), merged, calls.requests(), calls.retries(),
                    calls.throttledRequests(), result.failures());
        });
    }

    static List<Object[]> rows(String symbol, List<CompanyProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new MalformedDataException("FMP has no profile for this symbol");
        }
        CompanyProfile p = profiles.get(0);
        Rows.sameSymbol(symbol, p.symbol());
        return List.<Object[]>of(new Object[] { symbol, p.companyName(), p.currency(), p.exchange(),
                p.exchangeFullName(), p.sector(), p.industry(), p.country(), p.cik(), p.isin(), p.cusip(), p.ceo(),
                p.website(), Rows.optionalDate(p.ipoDate()), Rows.optionalLong(p.fullTimeEmployees()), p.beta(),
                p.isEtf(), p.isActivelyTrading() });
    }
}
