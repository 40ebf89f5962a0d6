#!/usr/bin/env bash
# The full UN General Debate ingest (issue 6) into benchmarks/data/ungdc.db, at low priority,
# with its progress appended to benchmarks/data/ingest.log (what `bench_corpus.py full` reads).
# Resumable: run it again after an interruption and it adds only what is missing.
#   bash benchmarks/full_ingest.sh            # then: python benchmarks/bench_corpus.py full
set -u
cd "$(dirname "$0")/.."
mkdir -p benchmarks/data
data="${COMMUNIQUE_SHARED_DATA:-../shared/data}"
{
  echo "== start $(date -u +%FT%TZ) $(git rev-parse --short HEAD)"
  start=$(date +%s)
  nice -n 15 .venv/bin/communique ingest "$data/corpora/ungdc.jsonl.gz" --db benchmarks/data/ungdc.db \
    --jobs 2 --field issuer=iso3 --field date=year
  rc=$?
  echo "== end $(date -u +%FT%TZ) rc=$rc wall_s=$(( $(date +%s) - start ))"
} >> benchmarks/data/ingest.log 2>&1
