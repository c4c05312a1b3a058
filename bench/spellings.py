#!/usr/bin/env python3
"""Prints every jurisdiction x source x delivery method the service lists, one question a line:
three tab-separated fields, each the entry's code or id followed by its aliases, comma-separated."""
import json
import sys
import urllib.request

base = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(base + path))


def names(entries, key):
    return [",".join([e[key]] + [a for a in e.get("aliases", []) if "," not in a and "\t" not in a]) for e in entries]


jurisdictions = names(get("/api/v1/jurisdictions"), "code")
sources = names(get("/api/v1/sources"), "id")
methods = names(get("/api/v1/delivery-methods"), "id")
for j in jurisdictions:
    for s in sources:
        for m in methods:
            print(f"{j}\t{s}\t{m}")
