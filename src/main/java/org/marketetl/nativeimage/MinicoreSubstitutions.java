package org.marketetl.nativeimage;

import java.util.concurrent.CompletableFuture;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * snowflake-jdbc 4.x loads a native helper, "minicore", by extracting {@code libsf_mini_core_*.so}
 * from its jar and binding it with JNA ({@code MinicoreLibrary extends com.sun.jna.Library});
 * JNA is an optional dependency the driver does not bundle, so the type cannot be linked. The
 * driver works without minicore (it only reports its version in telemetry), and the template
 * already sets {@code SNOWFLAKE_DISABLE_MINICORE=true}. In the image, initialisation always takes
 * the driver's own "disabled via environment variable" branch, so the loader is unreachable.
 */
@TargetClass(className = "net.snowflake.client.internal.core.minicore.Minicore")
final class Target_net_snowflake_client_internal_core_minicore_Minicore {

    @Alias
    private static volatile CompletableFuture<Void> INITIALIZATION_FUTURE;

    @Alias
    private static boolean DISABLED_VIA_ENV_VAR;

    @Substitute
    private static synchronized void initializeAsyncSlow() {
        if (INITIALIZATION_FUTURE != null) {
            return;
        }
        DISABLED_VIA_ENV_VAR = true;
        INITIALIZATION_FUTURE = CompletableFuture.completedFuture(null);
    }
}
