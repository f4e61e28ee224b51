#!/usr/bin/env bash
# The benchmark suite of issue 7: builds the service jar, then runs JMH and the HTTP benchmarks against it as a
# child process, prints a summary and writes it into docs/benchmarks.md. Argument: all (default), jmh, http, or one
# part of http: start, local, bounded (a bounded heap under load), auth0, update, keycloak (Keycloak side by side, with the local IdP runs it is compared to;
# the build fetches Keycloak's distribution from Maven Central into benchmarks/target/keycloak).
# Needs PostgreSQL on 127.0.0.1:5432 (trust, user postgres) for the external-database runs, and psql.
# Needs a JDK 21+ (JAVA_HOME, else java on the PATH), as the build does.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${version%%.*}" -lt 21 ]; then
    echo "benchmarks/run.sh: JDK 21+ needed (found $version); set JAVA_HOME" >&2
    exit 1
fi
./mvnw -B -q -DskipTests package
./mvnw -B -Pbenchmarks -pl benchmarks -am -DskipTests -Dsuite="${1:-all}" package
