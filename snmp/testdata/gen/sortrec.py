#!/usr/bin/env python3
"""Sort .snmprec lines by OID (snmpsim serves a file in the order given).

Usage: sortrec.py FILE...  (rewrites each file in place)
"""
import sys

for path in sys.argv[1:]:
    with open(path) as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    lines.sort(key=lambda l: tuple(int(a) for a in l.split("|", 1)[0].split(".")))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
