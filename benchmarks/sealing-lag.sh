#!/usr/bin/env bash
# Sealing lag with 3 instances on one external PostgreSQL (issue 13 item 14): starts 3 instances of the built jar on
# a fresh database, drives RATE user creations per second in total (default 137) for SECONDS (default 75) round robin
# over them, then reports the lag of every audit row written during the run: audit_seal.sealed_at (now() of the
# sealing transaction) minus the row's own time (audit_event.occurred_at, audit_outcome.completed_at). A psql session
# also samples the newest sealed event id every 100 ms (the time a seal became visible, committed) as a cross-check.
# Stops the instances and drops the database at the end. Extra environment for the instances (e.g.
# DELEGATED_ADMIN_AUDIT_SEAL_INTERVAL=200ms) is passed through.
# Needs: bootstrap/target/delegated-admin.jar (./mvnw -DskipTests package), PostgreSQL on 127.0.0.1:5432 (trust,
# user postgres), psql/createdb/dropdb, a JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${RATE:-137} seconds=${SECONDS_TOTAL:-75} db=${DB:-sealing_lag}
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
pg=(-h 127.0.0.1 -U postgres)
work=$(mktemp -d /tmp/sealing-lag.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    dropdb "${pg[@]}" --if-exists "$db" || true
}
trap cleanup EXIT
dropdb "${pg[@]}" --if-exists "$db"
createdb "${pg[@]}" "$db"
urls=()
for i in 1 2 3; do
    port=$((18080 + i)); mkdir -p "$work/data$i"
    DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$db DATABASE_USER=postgres SERVER_PORT=$port MANAGEMENT_PORT=$((19090 + i)) DATA_DIR="$work/data$i" \
        SIGNING_KEY_SECRET=sealing-lag-benchmark-secret-0123456789 BOOTSTRAP_ADMIN_PASSWORD=sealing-lag-admin-42 \
        "$java" -jar bootstrap/target/delegated-admin.jar >"$work/instance$i.log" 2>&1 &
    pids+=($!)
    urls+=("http://127.0.0.1:$port")
    # One at a time: Flyway and the first administrator on the first.
    for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "instance $i did not start" >&2; tail -30 "$work/instance$i.log" >&2; exit 1; }
done
psql "${pg[@]}" -d "$db" -qc "create table lag_sample (at timestamptz, max_event bigint, sealer_xact interval)"
start_id=$(psql "${pg[@]}" -d "$db" -Atc "select coalesce(max(id), 0) from audit_event")
start_outcome=$(psql "${pg[@]}" -d "$db" -Atc "select coalesce(max(id), 0) from audit_outcome")
{ echo "insert into lag_sample select clock_timestamp(), (select max(ref_id) from audit_seal where kind = 'event'),
    (select max(clock_timestamp() - xact_start) from pg_stat_activity where pid <> pg_backend_pid() and state <> 'idle'
       and datname = '$db' and query ~ 'audit_seal|advisory')"
  echo "\\watch 0.1"; } | timeout $((seconds + 20)) psql "${pg[@]}" -d "$db" -q >/dev/null 2>&1 &
sampler=$!
# pg_stat_activity halfway through: who waits on what.
( sleep $((seconds / 2)); psql "${pg[@]}" -d "$db" -c "select wait_event_type, wait_event, state, count(*)
    from pg_stat_activity where datname = '$db' group by 1, 2, 3 order by 4 desc"; vmstat 1 5 ) >"$work/activity.txt" 2>&1 &
uptime
"$java" benchmarks/sealing-lag/SealingLag.java "$rate" "$seconds" sealing-lag-admin-42 "${urls[@]}"
sleep 5; kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
uptime; cat "$work/activity.txt"
psql "${pg[@]}" -d "$db" -P footer=off <<SQL
with lag as (
  select 'event' as kind, extract(epoch from s.sealed_at - e.occurred_at) as lag
    from audit_event e join audit_seal s on s.kind = 'event' and s.ref_id = e.id where e.id > $start_id
  union all
  select 'outcome', extract(epoch from s.sealed_at - o.completed_at)
    from audit_outcome o join audit_seal s on s.kind = 'outcome' and s.ref_id = o.id where o.id > $start_outcome
), visible as (
  select extract(epoch from (select min(at) from lag_sample where max_event >= e.id) - e.occurred_at) as lag
    from audit_event e where e.id > $start_id
)
select kind, count(*) as rows,
       round(percentile_cont(0.5) within group (order by lag)::numeric, 3) as p50_s,
       round(percentile_cont(0.95) within group (order by lag)::numeric, 3) as p95_s,
       round(percentile_cont(0.99) within group (order by lag)::numeric, 3) as p99_s,
       round(max(lag)::numeric, 3) as max_s
  from (select * from lag union all select 'all rows', lag from lag union all select 'event, visible (100 ms samples)', lag from visible) t
 group by kind order by kind;
select (select count(*) from audit_event where id > $start_id) as events,
       (select count(*) from audit_event e where id > $start_id
         and not exists (select 1 from audit_seal s where s.kind = 'event' and s.ref_id = e.id)) as unsealed_events,
       (select count(*) from audit_outcome o where id > $start_outcome
         and not exists (select 1 from audit_seal s where s.kind = 'outcome' and s.ref_id = o.id)) as unsealed_outcomes,
       (select count(*) from audit_seal) as seals,
       round(extract(epoch from max(sealed_at) - min(sealed_at))::numeric / nullif(count(distinct sealed_at) - 1, 0), 3)
         as mean_s_between_seal_transactions
  from audit_seal;
select round(percentile_cont(0.5) within group (order by extract(epoch from sealer_xact))::numeric, 3) as sealer_xact_p50_s,
       round(percentile_cont(0.99) within group (order by extract(epoch from sealer_xact))::numeric, 3) as sealer_xact_p99_s,
       round(max(extract(epoch from sealer_xact))::numeric, 3) as sealer_xact_max_s,
       round(avg((sealer_xact is not null)::int)::numeric, 2) as share_of_samples_in_a_seal_transaction
  from lag_sample;
SQL
