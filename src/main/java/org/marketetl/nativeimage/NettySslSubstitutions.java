package org.marketetl.nativeimage;

import javax.net.ssl.SSLEngine;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import net.snowflake.client.jdbc.internal.io.netty.buffer.ByteBufAllocator;
import net.snowflake.client.jdbc.internal.io.netty.handler.ssl.JdkApplicationProtocolNegotiator;

/**
 * ALPN in the Netty shaded into snowflake-jdbc (the AWS SDK's HTTP client for an S3 stage): its
 * engine wrapper tries Conscrypt, then BouncyCastle's JSSE, then the JDK, then Jetty's ALPN agent.
 * Conscrypt is not on the class path ({@code ConscryptAlpnSslEngine} cannot be linked: issue 18,
 * finding 3), BouncyCastle's JSSE and the Jetty agent are not either, and the JDK has ALPN since 9:
 * the wrapper always takes the JDK's engine, which is the branch it takes on the JVM here. The cut
 * Quarkus makes for unshaded Netty (quarkus-netty's {@code JdkAlpnApplicationProtocolNegotiator$AlpnWrapper}
 * substitution).
 */
@TargetClass(className = "net.snowflake.client.jdbc.internal.io.netty.handler.ssl.JdkAlpnApplicationProtocolNegotiator$AlpnWrapper")
final class Target_net_snowflake_client_jdbc_internal_io_netty_handler_ssl_JdkAlpnApplicationProtocolNegotiator_AlpnWrapper {

    @Substitute
    public SSLEngine wrapSslEngine(SSLEngine engine, ByteBufAllocator alloc, JdkApplicationProtocolNegotiator applicationNegotiator,
            boolean isServer) {
        return (SSLEngine) (Object) new Target_net_snowflake_client_jdbc_internal_io_netty_handler_ssl_JdkAlpnSslEngine(engine,
                applicationNegotiator, isServer);
    }
}

/** The JDK ALPN engine (package-private), whose constructor the wrapper calls. */
@TargetClass(className = "net.snowflake.client.jdbc.internal.io.netty.handler.ssl.JdkAlpnSslEngine")
final class Target_net_snowflake_client_jdbc_internal_io_netty_handler_ssl_JdkAlpnSslEngine {

    @Alias
    Target_net_snowflake_client_jdbc_internal_io_netty_handler_ssl_JdkAlpnSslEngine(SSLEngine engine,
            JdkApplicationProtocolNegotiator applicationNegotiator, boolean isServer) {
    }
}
