package org.marketetl.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * snowflake-jdbc's logging, which its static initialisers set up by name (issue 11 findings 2
 * and 3: without these, {@code SnowflakeConnectionImpl} and {@code SFSSLConnectionSocketFactory}
 * fail to initialise). {@code SFLoggerFactory} sets the shaded commons-logging's factory to
 * {@code LogFactoryImpl} (by system property, loaded with {@code Class.forName}) and its log class
 * to one of the driver's three wrappers, which {@code LogFactoryImpl} instantiates through its
 * {@code (String)} constructor; {@code LogFactoryImpl} also probes its own loggers by name.
 * The log4j and LogKit loggers are left out: their libraries are not on the class path.
 */
@RegisterForReflection(methods = false, fields = false, classNames = {
        "net.snowflake.client.jdbc.internal.apache.commons.logging.LogFactory",
        "net.snowflake.client.jdbc.internal.apache.commons.logging.impl.LogFactoryImpl",
        "net.snowflake.client.jdbc.internal.apache.commons.logging.impl.Jdk14Logger",
        "net.snowflake.client.jdbc.internal.apache.commons.logging.impl.SimpleLog",
        "net.snowflake.client.jdbc.internal.apache.commons.logging.impl.NoOpLog",
        "net.snowflake.client.internal.log.JDK14JCLWrapper",
        "net.snowflake.client.internal.log.SLF4JJCLWrapper",
        "net.snowflake.client.internal.log.CommonsLoggingWrapper" })
final class SnowflakeLoggingReflection {

    private SnowflakeLoggingReflection() {
    }
}
