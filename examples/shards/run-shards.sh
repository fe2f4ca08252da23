#!/bin/sh
# examples/shards/run-shards.sh — assess every client of a workspace for a
# period in N shards run by GNU parallel, then merge the shards back.
#
#   run-shards.sh WORKSPACE PERIOD N [PARALLEL-OPTIONS...]
#
# Each shard works on its own copy of the workspace, so the shards can run
# on other machines: add `-S host1,host2 --transferfile {}.db --return
# {}.jsonl --return {}.db --cleanup` style options of GNU parallel (with
# smbopt installed on each host), or run the same loop body as a Slurm job
# array (K = $SLURM_ARRAY_TASK_ID) or a Kubernetes indexed Job
# (K = $JOB_COMPLETION_INDEX + 1). The merge refuses a shard whose data
# differ from the workspace's, and merging twice adds nothing twice.
set -eu
ws=$1 period=$2 n=$3
shift 3
smbopt=${SMBOPT:-smbopt}
dir=$(mktemp -d "${TMPDIR:-/tmp}/smbopt-shards.XXXXXX")
trap 'rm -rf "$dir"' EXIT
for k in $(seq 1 "$n"); do cp "$ws" "$dir/shard$k.db"; done
seq 1 "$n" | parallel --halt now,fail=1 "$@" \
	"$smbopt --db $dir/shard{}.db assess --all --period $period --shard {}/$n --format jsonl > $dir/shard{}.jsonl; \
	 test \$? -le 2"
cat "$dir"/shard*.jsonl
"$smbopt" merge "$ws" "$dir"/shard*.db
