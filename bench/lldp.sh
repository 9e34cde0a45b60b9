#!/bin/sh
# LLDP/CDP figures for issue 9, printed with their baselines from the same run.
#   1. decode throughput: `voxlan decode` vs `tshark -T json -Y 'lldp or cdp'`
#      on a 100k-frame pcap built from the real captures;
#   2. hot path allocations: read + decode one frame (must be 0 allocs/op);
#   3. time to identify (root, lldpd): voice VLAN known, with the phone probe
#      and listening only, median of 10 runs each (tx-interval 5 s).
# Usage: bench/lldp.sh            (as root for 3; takes about 2 minutes)
set -eu
cd "$(dirname "$0")/.."
filter='^(Benchmark|ok|FAIL|---|\s+lab_bench)'
echo "== decode throughput (100k frames) vs tshark"
go test -run '^$' -bench 'BenchmarkDecodeVsTshark' -benchtime 3x ./cmd/voxlan/internal/decode | grep -E "$filter"
echo "== hot path: read + decode per frame"
go test -run '^$' -bench 'BenchmarkDecodeEthernet|BenchmarkReadAndDecode' -benchtime 2s ./lldp | grep -E "$filter"
if [ "$(id -u)" = 0 ]; then
  echo "== time to identify against lldpd (probe vs listening only)"
  go test -run '^$' -bench 'BenchmarkTimeToIdentify' -benchtime 1x -v ./lldp | grep -E "$filter|runs"
else
  echo "== time to identify: skipped (needs root for network namespaces)"
fi
