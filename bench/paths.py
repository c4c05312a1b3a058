#!/usr/bin/env python3
"""Prints /status paths for every ingredient x jurisdiction x source x delivery method the service lists."""
import json
import sys
import urllib.request

base = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(base + path))
ingredients = [i["id"] for i in get("/api/v1/ingredients")]
jurisdictions = [j["code"] for j in get("/api/v1/jurisdictions")]
sources = [s["id"] for s in get("/api/v1/sources")]
methods = [m["id"] for m in get("/api/v1/delivery-methods")]
for i in ingredients:
    for j in jurisdictions:
        for s in sources:
            for m in methods:
                print(f"/api/v1/status?jurisdiction={j}&source={s}&deliveryMethod={m}&ingredient={i}")
