package org.marketetl.run;

import java.util.Locale;

/** Who asked for the run: the nightly schedule, an API Gateway call, or a direct invocation. */
public enum Trigger {
    SCHEDULE, API, DIRECT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
