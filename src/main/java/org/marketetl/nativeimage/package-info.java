/**
 * GraalVM substitutions that cut code paths of snowflake-jdbc's fat jar which this function never
 * takes and whose classes are not on the class path, so that {@code native-image} links the
 * driver with Quarkus' {@code --link-at-build-time}. Each substitution keeps the behaviour the
 * driver already has on the JVM in this deployment (Linux, no JNA, no log4j, no aws-crt); none
 * adds a feature or drops one we use. They are read only by {@code native-image}; on the JVM these
 * classes are never loaded. {@code NativeConfigurationTest} checks that every target class and
 * method still exists in the driver jar, so a driver upgrade that renames one fails the tests,
 * not the next native build. infra/native.md lists them with the reason for each.
 */
package org.marketetl.nativeimage;
