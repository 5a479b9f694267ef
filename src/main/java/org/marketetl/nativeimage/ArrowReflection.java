package org.marketetl.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The driver's shaded Arrow reader, for result sets in Arrow. Production asks for JSON
 * ({@code JDBC_QUERY_RESULT_FORMAT=JSON}) and never takes this path; fakesnow answers every SELECT
 * in Arrow, so a native test against fakesnow does (issue 11 finding 7, still open). Reasoned from
 * javap, not yet tried in a native build: Arrow's {@code MemoryUtil} static initialiser reads
 * {@code java.nio.Buffer.address} by reflection and takes its offset with
 * {@code Unsafe.objectFieldOffset}, and finds {@code DirectByteBuffer}'s {@code (long, int)}
 * constructor by reflection; if either is missing, {@code MemoryUtil} cannot initialise and every
 * Arrow allocation fails, whatever allocation manager is registered, which fits the report that
 * registering {@code UnsafeAllocationManager} alone changed nothing. The allocation manager itself
 * is found by name: {@code ARROW_ALLOCATION_MANAGER_TYPE=Unsafe} (the default, Netty, is not in the
 * jar) loads {@code UnsafeAllocationManager} and reads its static {@code FACTORY} field.
 */
@RegisterForReflection(classNames = {
        "java.nio.Buffer",
        "java.nio.DirectByteBuffer",
        "net.snowflake.client.jdbc.internal.apache.arrow.memory.unsafe.UnsafeAllocationManager",
        "net.snowflake.client.jdbc.internal.apache.arrow.memory.unsafe.DefaultAllocationManagerFactory" })
final class ArrowReflection {

    private ArrowReflection() {
    }
}
