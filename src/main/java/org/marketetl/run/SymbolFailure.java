package org.marketetl.run;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One symbol a step could not load, and why (already free of secrets). Serialised in the run report. */
@RegisterForReflection
public record SymbolFailure(String symbol, String reason) {
}
