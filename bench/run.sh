#!/usr/bin/env bash
# bench/run.sh: voxlan's speed figures (issue 3 "Speed"), one command:
#
#   ./bench/run.sh        (or: make bench)
#
# Prints, from one run on this machine:
#   (a) `voxlan discover` of one real recording served on loopback with 10 ms
#       added to every packet each way, and (b) net-snmp snmpbulkwalk over the
#       same subtrees one after the other through the same delay: both times
#       and the ratio (target: voxlan >= 5x faster);
#   (c) 200 simulated switches discovered into one snapshot: wall time and
#       peak RSS of the voxlan process (targets: < 15 s, < 150 MB).
#
# How peak RSS is measured: the 200 agents run in their own process
# (`speed -serve`), and voxlan is started by a small fresh process
# (`speed -measure`) that reads voxlan's ru_maxrss from wait4 and polls its
# VmHWM in /proc as a cross-check. Not from the big parent directly: Go
# starts children with CLONE_VM|CLONE_VFORK, and at exec the kernel copies
# the high-water RSS of the parent's address space into the child's
# ru_maxrss, so a child of a 150 MB parent "peaks" at 150 MB whatever it
# does. The floor printed is the measuring process's own peak: the figure
# cannot go below it.
#
# BASELINE_REV=<git rev> also builds voxlan at that commit (from git
# archive, the working tree is not touched) and measures it alternately
# with the current one in (c), printing the ratios:
#
#   BASELINE_REV=HEAD~3 ./bench/run.sh -only c
#
# go build honours GOFLAGS: GOFLAGS=-tags=gosnmp_nodebug measures a build
# without gosnmp's debug logging, whose arguments are allocated on every
# packet even when no logger is set (half the allocations of discovery).
# Flags after the script name go to bench/speed (see `go doc ./bench/speed`),
# e.g. ./bench/run.sh -delay 20ms -switches 400.
# Needs: go, and snmpbulkwalk/snmpget (Debian package snmp, installed by
# scripts/install-test-deps.sh). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in snmpbulkwalk snmpget; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing; run ./scripts/install-test-deps.sh" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/voxlan" ./cmd/voxlan
go build -o "$tmp/speed" ./bench/speed
baseline=()
if [[ -n "${BASELINE_REV:-}" ]]; then
  mkdir "$tmp/base"
  git archive "$BASELINE_REV" | tar -x -C "$tmp/base"
  (cd "$tmp/base" && go build -o "$tmp/voxlan-base" ./cmd/voxlan)
  baseline=(-baseline "$tmp/voxlan-base")
  echo "baseline: voxlan $(git rev-parse --short "$BASELINE_REV")"
fi
echo "voxlan $(git rev-parse --short HEAD 2>/dev/null || echo '?') (working tree), $(nproc) cores, $(go version | cut -d' ' -f3)"
"$tmp/speed" -voxlan "$tmp/voxlan" "${baseline[@]}" "$@"
