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
echo "voxlan $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $(go version | cut -d' ' -f3)"
"$tmp/speed" -voxlan "$tmp/voxlan" "$@"
