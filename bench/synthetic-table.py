#!/usr/bin/env python3
"""Prints a large synthetic rule table built from the shapes of a real one.

    bench/synthetic-table.py TABLE.json [INGREDIENTS] [COUNTRIES] [SUBDIVISIONS] > big.json

Keeps the table's vocabularies, references and rules, and adds INGREDIENTS - n ingredients (100 in
all by default) and COUNTRIES countries (200), each with SUBDIVISIONS subdivisions (3), so about
800 jurisdictions. Every new jurisdiction copies, for most ingredients, the rules of one of the
table's jurisdictions (its sources, methods, statuses, conditions and references), under rule ids
and a legal basis of its own. About 100,000 rules by default; the same arguments give the same
table.
"""
import json
import random
import sys

table = json.load(open(sys.argv[1]))
ingredient_count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
countries = int(sys.argv[3]) if len(sys.argv) > 3 else 200
subdivisions = int(sys.argv[4]) if len(sys.argv) > 4 else 3
random.seed(20261201)

by_jurisdiction = {}
for rule in table["rules"]:
    by_jurisdiction.setdefault((rule["jurisdiction"], rule["ingredient"]), []).append(rule)
templates = list(by_jurisdiction.values())

ingredients = list(table["ingredients"])
for n in range(len(ingredients), ingredient_count):
    ingredients.append({"id": f"ingredient-{n:03d}", "label": f"Synthetic ingredient {n:03d}", "aliases": []})
jurisdictions = list(table["jurisdictions"])
rules = list(table["rules"])
new_codes = []
for c in range(countries):
    code = f"Q{c:03d}"
    jurisdictions.append({"code": code, "name": f"Synthetic country {c:03d}", "parent": None,
                          "regulator": f"Regulator of {code}", "notes": None, "aliases": []})
    new_codes.append(code)
    for s in range(subdivisions):
        sub = f"{code}-{s + 1:02d}"
        jurisdictions.append({"code": sub, "name": f"Region {s + 1} of {code}", "parent": code,
                              "regulator": None, "notes": None, "aliases": []})
        new_codes.append(sub)

# Rules per (jurisdiction, ingredient) pair so that the table holds about 100,000 rules in all.
mean = sum(len(t) for t in templates) / len(templates)
share = min(1.0, 100_000 / (len(new_codes) * len(ingredients) * mean))
for code in new_codes:
    for ingredient in ingredients:
        if random.random() >= share:
            continue
        template = random.choice(templates)
        for rule in template:
            copy = dict(rule)
            copy["id"] = f"{code}-{ingredient['id']}-{rule['source']}-{rule['deliveryMethod']}"
            if rule.get("effectiveFrom") or rule.get("effectiveTo"):
                copy["id"] += f"-{rule.get('effectiveFrom') or 'open'}"
            copy["ingredient"] = ingredient["id"]
            copy["jurisdiction"] = code
            if rule.get("legalBasis"):
                basis = dict(rule["legalBasis"])
                basis["instrument"] = f"{basis['instrument']} as applied in {code}"
                copy["legalBasis"] = basis
            rules.append(copy)

table["ingredients"] = ingredients
table["jurisdictions"] = jurisdictions
table["rules"] = rules
table["title"] = f"{table.get('title')} (synthetic, {len(rules)} rules)"
json.dump(table, sys.stdout, separators=(",", ":"))
print(f"{len(ingredients)} ingredients, {len(jurisdictions)} jurisdictions, {len(rules)} rules", file=sys.stderr)
