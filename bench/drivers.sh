#!/bin/sh
# Plan + apply + verify of the voice configuration (voice VLAN, LLDP-MED
# network policy, PoE, LLDP) on all 48 ports of one emulated Cisco IOS
# switch over SSH on loopback, pipelined (32 lines per write) against the
# naive one-line-per-round-trip baseline, in the same run; then the same
# with 20 ms of round-trip time added to the SSH connection (a switch
# across a WAN link).
# Prints wall time per run, SSH sessions and round trips.
set -eu
cd "$(dirname "$0")/.."
go test -run '^$' -bench 'BenchmarkApply48' -benchtime "${BENCHTIME:-5x}" ./drivers/apply/ |
awk '/^Benchmark/ {
	name=$1; sub(/^BenchmarkApply48\//, "", name); sub(/-[0-9]+$/, "", name)
	for (i = 2; i < NF; i++) {
		if ($(i+1) == "ns/op") ms = $i / 1e6
		if ($(i+1) == "sessions/op") s = $i
		if ($(i+1) == "roundtrips/op") rt = $i
		if ($(i+1) == "lines/op") l = $i
	}
	printf "%-28s %8.1f ms wall   %d SSH session(s)   %4d round trips   %d config lines\n", name, ms, s, rt, l
}'
