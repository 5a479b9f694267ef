package org.marketetl.nativeimage;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * The two Netty copies shaded into snowflake-jdbc (the AWS SDK's and gRPC's) choose their logger
 * by trying SLF4J, then Log4J 2, then Log4J, then java.util.logging. Log4J 2 and Log4J are not on
 * the class path ({@code Log4J2Logger} extends a log4j class and cannot be linked). In the image
 * they use java.util.logging directly, which Quarkus routes to its own log handler like the rest.
 */
@TargetClass(className = "net.snowflake.client.jdbc.internal.io.netty.util.internal.logging.InternalLoggerFactory")
final class Target_net_snowflake_client_jdbc_internal_io_netty_util_internal_logging_InternalLoggerFactory {

    @Substitute
    private static net.snowflake.client.jdbc.internal.io.netty.util.internal.logging.InternalLoggerFactory newDefaultFactory(
            String name) {
        return net.snowflake.client.jdbc.internal.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE;
    }
}

/** The same for gRPC's Netty copy. */
@TargetClass(className = "net.snowflake.client.jdbc.internal.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory")
final class Target_net_snowflake_client_jdbc_internal_grpc_netty_shaded_io_netty_util_internal_logging_InternalLoggerFactory {

    @Substitute
    private static net.snowflake.client.jdbc.internal.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory newDefaultFactory(
            String name) {
        return net.snowflake.client.jdbc.internal.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE;
    }
}
