#!/usr/bin/env bash
# A batch of ITEMS items from one CSV file (group_by=store), end to end against a fresh embedded node:
# submit, follow the batch's event stream to its end, check every item is accounted for, and report the
# wall time and the node's CPU time. Loopback only; the node is stopped (by its pid) when the run ends.
#   bash bench/batches/run.sh                 # 1,000 items of 12 rows each, the node's default concurrency (4)
#   ITEMS=200 CONCURRENCY=8 bash bench/batches/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
items="${ITEMS:-1000}"
rows="${ROWS:-12}"
concurrency="${CONCURRENCY:-4}"
. "$root/bench/lib/node.sh"
bench_node_build "$root"

# store,month,revenue,visits: ITEMS stores × ROWS months, deterministic.
python3 - "$items" "$rows" > "$work/stores.csv" <<'PY'
import random, sys
items, rows = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(42)
print("store,month,revenue,visits")
for month in range(1, rows + 1):
    for store in range(items):
        visits = rnd.randint(500, 5000)
        print(f"store-{store:05d},{month},{visits * rnd.uniform(0.5, 2.0):.2f},{visits}")
PY

key="ak_bench_$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
bench_node_start --ACTORS_DEV_API_KEY="$key" \
  --Actors:RateLimits:Enabled=false --Actors:Tenants:Defaults:MaxConcurrentJobs="$concurrency" \
  --Actors:Api:MaxRequestBodyBytes=104857600 --Actors:Tenants:Defaults:MaxPayloadBytes=104857600

cpu_before=$(bench_cpu_seconds)
start=$(date +%s.%N)
batch=$(curl -sf -X POST "$url/api/v1/batches?type=data_interpretation&group_by=store" -H "X-API-Key: $key" \
  -H 'Content-Type: text/csv' --data-binary "@$work/stores.csv" | python3 -c 'import json,sys; print(json.load(sys.stdin)["batch_id"])')
accepted=$(date +%s.%N)
curl -sfN "$url/api/v1/batches/$batch/events" -H "X-API-Key: $key" > "$work/events.txt"
end=$(date +%s.%N)
cpu_after=$(bench_cpu_seconds)
status=$(curl -sf "$url/api/v1/batches/$batch" -H "X-API-Key: $key")
curl -sf "$url/api/v1/batches/$batch/results?format=csv" -H "X-API-Key: $key" > "$work/results.csv"

python3 - "$items" "$work/events.txt" "$work/results.csv" "$status" "$start" "$accepted" "$end" "$cpu_before" "$cpu_after" "$concurrency" <<'PY'
import json, sys
items, events_file, results_file, status = int(sys.argv[1]), sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
start, accepted, end, cpu0, cpu1 = map(float, sys.argv[5:10])
ids, kinds, jobs = [], [], set()
for block in open(events_file).read().split("\n\n"):
    fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
    if "id" in fields:
        ids.append(int(fields["id"])); kinds.append(fields["event"])
        data = json.loads(fields["data"])
        if data.get("job_id"): jobs.add(data["job_id"])
rows = open(results_file, newline="").read().strip().split("\r\n")[1:]
counts = status["counts"]
ok = (ids == list(range(1, items + 2)) and kinds.count("item") == items and kinds[-1] == "completed"
      and len(jobs) == items and status["total"] == items and counts["completed"] + counts["failed"] + counts["cancelled"] == items
      and len(rows) == items)
print(f"items {items}, node concurrency {sys.argv[10]}: submit (parse, validate, create, {items} jobs) {accepted - start:.2f} s; "
      f"submit to completed {end - start:.2f} s ({items / (end - start):.1f} items/s); node CPU {cpu1 - cpu0:.1f} s")
print(f"accounted for: {len(jobs)} distinct jobs in {kinds.count('item')} item events (ids 1..{ids[-1] if ids else 0}), "
      f"counts {counts}, {len(rows)} CSV rows: {'OK' if ok else 'MISMATCH'}")
sys.exit(0 if ok else 1)
PY
