#!/usr/bin/env bash
# The benchmark suite of issue 7: builds the service jar, then runs JMH and the HTTP benchmarks against it as a
# child process, prints a summary and writes it into docs/benchmarks.md. Argument: all (default), jmh or http.
# Needs PostgreSQL on 127.0.0.1:5432 (trust, user postgres) for the external-database runs, and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
./mvnw -B -Pbenchmarks -pl benchmarks -am -DskipTests -Dsuite="${1:-all}" package
