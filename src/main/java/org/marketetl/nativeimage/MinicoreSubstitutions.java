package org.marketetl.nativeimage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import net.snowflake.client.api.exception.SnowflakeSQLException;
import net.snowflake.client.internal.api.implementation.connection.SnowflakeConnectionImpl;
import net.snowflake.client.internal.config.ConnectionParameters;
import net.snowflake.client.internal.core.Constants;
import net.snowflake.client.internal.core.minicore.MinicoreLoadError;
import net.snowflake.client.internal.driver.AutoConfigurationHelper;
import net.snowflake.client.internal.jdbc.SnowflakeConnectString;

/**
 * snowflake-jdbc 4.x loads a native helper, "minicore", by extracting {@code libsf_mini_core_*.so}
 * from its jar and binding it with JNA; JNA is an optional dependency the driver does not bundle.
 * {@code Minicore} itself cannot be a substitution target: native-image loads a target with all its
 * declared members, and {@code Minicore} declares a constructor, a field and {@code getLibrary()}
 * of type {@code MinicoreLibrary}, which extends {@code com.sun.jna.Library} (issue 18, finding 1).
 * So the cut is at its two callers: the connection factory no longer starts the loader, and the
 * login telemetry reports minicore as the driver does when {@code SNOWFLAKE_DISABLE_MINICORE} is
 * set (which the template sets anyway). Minicore only reports its version in telemetry; nothing
 * else in the driver uses it.
 */
final class MinicoreSubstitutions {

    private MinicoreSubstitutions() {
    }
}

/**
 * {@code ConnectionFactory.createConnection(String, Properties)} of 4.4.1, without its first
 * statement after the URL checks, {@code Minicore.initializeAsync()} (which, on the JVM, swallows
 * any Throwable the loader raises).
 */
@TargetClass(className = "net.snowflake.client.internal.driver.ConnectionFactory")
final class Target_net_snowflake_client_internal_driver_ConnectionFactory {

    @Substitute
    public static Connection createConnection(String url, Properties info) throws SQLException {
        ConnectionParameters params = AutoConfigurationHelper.resolveConnectionParameters(url, info);
        if (params.getUrl() == null) {
            throw new SnowflakeSQLException("Unable to connect to url of 'null'.");
        }
        if (!SnowflakeConnectString.hasSupportedPrefix(params.getUrl())) {
            return null;
        }
        SnowflakeConnectString connectString = SnowflakeConnectString.parse(params.getUrl(), params.getParams());
        if (!connectString.isValid()) {
            throw new SnowflakeSQLException("Connection string is invalid. Unable to parse.");
        }
        Properties effective = new Properties();
        effective.putAll(params.getParams());
        List<String> deferred = params.getDeferredLogMessages();
        if (deferred != null && !deferred.isEmpty()) {
            effective.put(AutoConfigurationHelper.DEFERRED_LOG_MESSAGES_KEY, deferred);
        }
        if (params.getConnectionIdentifierShape() != null) {
            effective.put(AutoConfigurationHelper.CONNECTION_IDENTIFIER_SHAPE_KEY, params.getConnectionIdentifierShape());
        }
        return new SnowflakeConnectionImpl(params.getUrl(), effective);
    }
}

/** The login telemetry: always the driver's own "disabled" record, never a look at {@code Minicore}. */
@TargetClass(className = "net.snowflake.client.internal.core.minicore.MinicoreTelemetry")
final class Target_net_snowflake_client_internal_core_minicore_MinicoreTelemetry {

    @Alias
    private Target_net_snowflake_client_internal_core_minicore_MinicoreTelemetry(String isa, String coreVersion,
            String coreFileName, MinicoreLoadError coreLoadError, List<String> coreLoadLogs) {
    }

    @Substitute
    public static Target_net_snowflake_client_internal_core_minicore_MinicoreTelemetry create() {
        return new Target_net_snowflake_client_internal_core_minicore_MinicoreTelemetry(
                Constants.getArchitecture().getIdentifier(), null, null, MinicoreLoadError.DISABLED, null);
    }
}
