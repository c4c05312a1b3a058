#!/usr/bin/env python3
"""Writes a catalogue of N products x 10 markets x 6 combinations (2 sources x 3 delivery methods),
the products taking each ingredient of the default table in turn."""
import json
import sys

products = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
markets = ["GB", "FR", "DE", "US", "US-FL", "KR", "JP", "CN", "CA", "SG"]
sources = ["salmon", "bovine-milk", "plant", "human-adipose-msc", "yeast", "porcine"]
ingredients = ["exosome", "polynucleotide"]
methods = [["topical", "microneedling", "scalp-injection"], ["topical", "mesotherapy", "serum"]]
catalogue = {
    "at": "2026-11-25",
    "products": [
        {
            "sku": f"SKU-{i:05d}",
            "name": f"Product {i}",
            "ingredients": [
                {"ingredient": ingredients[i % 2], "source": sources[i % len(sources)]},
                {"ingredient": ingredients[i % 2], "source": sources[(i + 1) % len(sources)]},
            ],
            "deliveryMethods": methods[i % 2],
            "markets": markets,
        }
        for i in range(products)
    ],
}
json.dump(catalogue, sys.stdout)
