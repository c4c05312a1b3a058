#!/usr/bin/env python3
"""Writes the OpenAPI document's examples from a running instance of the service.

    scripts/openapi-examples.py BASE_URL ADMIN_SECRET > src/main/resources/openapi-examples.json

Asks every operation once, on a fresh database holding the default table, and records what it
answered: the status, the media type and the body (long lists cut to their first entries, which
keeps each example valid for its schema), with the body sent where the operation takes one. The
suite checks every operation has one and that each still matches the document.
"""
import json
import sys
import urllib.error
import urllib.request

BASE, SECRET = sys.argv[1].rstrip("/"), sys.argv[2]
examples = {}


def call(method, path, body=None, key=True, headers=None, raw=None):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("Authorization", "Bearer " + SECRET)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def short(value, keep=2):
    """Long lists cut to their first entries, at every depth."""
    if isinstance(value, list):
        return [short(v, keep) for v in value[:keep]]
    if isinstance(value, dict):
        return {k: short(v, keep) for k, v in value.items()}
    return value


def record(operation, method, path, body=None, expect=200, keep=2, **kwargs):
    status, headers, payload = call(method, path, body, **kwargs)
    if status != expect:
        sys.exit(f"{operation}: {method} {path} answered {status}: {payload[:300]!r}")
    example = {"status": status}
    if body is not None:
        example["request"] = body
    if payload:
        example["mediaType"] = headers.get("Content-Type", "").split(";")[0]
        example["response"] = short(json.loads(payload), keep)
    examples[operation] = example
    return headers, payload


def etag(path):
    return call("GET", path, key=False)[1]["ETag"]


record("getStatus", "GET", "/api/v1/status?jurisdiction=UK&source=salmon&deliveryMethod=scalp-injection", key=False)
record("getMatrix", "GET", "/api/v1/matrix?jurisdiction=GB", key=False, keep=3)
record("listRules", "GET", "/api/v1/rules?jurisdiction=GB&size=2", key=False)
record("getRule", "GET", "/api/v1/rules/GB-any-source-injection", key=False)
record("listJurisdictions", "GET", "/api/v1/jurisdictions", key=False, keep=3)
record("getJurisdiction", "GET", "/api/v1/jurisdictions/FR", key=False, keep=3)
record("listIngredients", "GET", "/api/v1/ingredients", key=False, keep=3)
record("getIngredient", "GET", "/api/v1/ingredients/polynucleotide", key=False, keep=3)
record("listSources", "GET", "/api/v1/sources", key=False, keep=3)
record("getSource", "GET", "/api/v1/sources/salmon", key=False, keep=3)
record("listDeliveryMethods", "GET", "/api/v1/delivery-methods", key=False, keep=3)
record("getDeliveryMethod", "GET", "/api/v1/delivery-methods/topical", key=False, keep=3)
record("exportRuleset", "GET", "/api/v1/ruleset", key=False, keep=1)
record("getReceiptKeys", "GET", "/.well-known/jwks.json", key=False)

catalogue = json.load(open("examples/catalogue-passing.json"))
record("checkCatalogue", "POST", "/api/v1/checks", catalogue, key=False, keep=3)
record("catalogueImpact", "POST", "/api/v1/impact", catalogue, key=False, keep=3)

status, _, answer = call("GET", "/api/v1/status?jurisdiction=UK&source=salmon&deliveryMethod=topical&receipt=true", key=False)
record("verifyReceipt", "POST", "/api/v1/receipts/verify", {"receipt": json.loads(answer)["receipt"]}, key=False)

# each kind of entry: added, replaced with its tag, deleted
entries = [
    ("Rule", "/api/v1/rules", json.load(open("examples/rule.json")), "notes", "Checked again on 2026-12-01"),
    ("Policy", "/api/v1/policies", json.load(open("examples/policy-vegan.json")), "description", "Nothing animal-derived, anywhere"),
    ("Jurisdiction", "/api/v1/jurisdictions", {"code": "XK", "name": "Kosovo", "parent": None, "regulator": None, "notes": None, "aliases": ["Kosova"]}, "notes", "No rules researched yet"),
    ("Ingredient", "/api/v1/ingredients", {"id": "growth-factor", "label": "Growth factors (EGF, FGF)", "aliases": ["EGF"]}, "label", "Growth factors"),
    ("Source", "/api/v1/sources", {"id": "equine", "parent": "animal", "label": "Equine (horse)", "aliases": ["horse"]}, "label", "Equine"),
    ("DeliveryMethod", "/api/v1/delivery-methods", {"id": "patch", "parent": "skin-application", "label": "Transdermal patch", "aliases": []}, "label", "Patch"),
]
for kind, path, entry, field, value in entries:
    key_field = "code" if kind == "Jurisdiction" else "id"
    ident = entry[key_field]
    record("create" + kind, "POST", path, entry, expect=201)
    changed = dict(entry, **{field: value})
    record("replace" + kind, "PUT", f"{path}/{ident}", changed, headers={"If-Match": etag(f"{path}/{ident}")})
    if kind != "Rule":
        record("get" + kind if kind == "Policy" else "_", "GET", f"{path}/{ident}", key=False)
for kind, path, entry, field, value in entries:
    key_field = "code" if kind == "Jurisdiction" else "id"
    ident = entry[key_field]
    record("delete" + kind, "DELETE", f"{path}/{ident}", expect=204, headers={"If-Match": etag(f"{path}/{ident}")})
    examples["delete" + kind]["parameters"] = {"id": ident}
examples.pop("_", None)
record("listPolicies", "GET", "/api/v1/policies", key=False)
record("getRuleHistory", "GET", "/api/v1/rules/GB-any-source-injection/history", key=False)
record("listChanges", "GET", "/api/v1/changes?since=1&size=2", key=False)

# a watch on the passing catalogue, told when a rule makes Germany prohibit its serum; the
# instance is started with EXOREG_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true, so the receiver's name is
# not resolved at creation, and its deliveries fail for want of one
import time
watch = {"name": "Serums in Europe", "catalogue": catalogue, "policy": None, "failOn": "PROHIBITED",
         "warnOn": "RESTRICTED", "webhook": {"url": "https://receiver.example.com/exoreg"}}
headers, made = record("createWatch", "POST", "/api/v1/watches", watch, expect=201)
watch_id = json.loads(made)["id"]
examples["createWatch"]["response"]["webhook"]["secret"] = "whsec_the+secret+is+shown+here+once="
prohibited = dict(json.load(open("examples/rule.json")), status="PROHIBITED", conditions=[])
call("POST", "/api/v1/rules", prohibited)
time.sleep(3)
record("listWatches", "GET", "/api/v1/watches")
record("getWatch", "GET", f"/api/v1/watches/{watch_id}", keep=3)
record("watchEvents", "GET", f"/api/v1/watches/{watch_id}/events?since=0")
record("watchDeliveries", "GET", f"/api/v1/watches/{watch_id}/deliveries")
record("rotateWatchSecret", "POST", f"/api/v1/watches/{watch_id}/secret")
examples["rotateWatchSecret"]["response"]["webhook"]["secret"] = "whsec_a+new+secret+is+shown+here+once="
record("deleteWatch", "DELETE", f"/api/v1/watches/{watch_id}", expect=204)
for operation in ["getWatch", "watchEvents", "watchDeliveries", "rotateWatchSecret", "deleteWatch"]:
    examples[operation]["parameters"] = {"id": watch_id}
call("DELETE", "/api/v1/rules/DE-salmon-topical", headers={"If-Match": etag("/api/v1/rules/DE-salmon-topical")})

# a bundle to merge: the table's own description, no vocabulary entries, one rule
exported = json.loads(call("GET", "/api/v1/ruleset", key=False)[2])
bundle = {k: exported[k] for k in ["format", "title", "publishedOn", "disclaimer", "statuses"]}
bundle.update(ingredients=[], jurisdictions=[], sources=[], deliveryMethods=[], references=[])
bundle["rules"] = [dict(json.load(open("examples/rule.json")), notes="Imported")]
record("importRuleset", "POST", "/api/v1/ruleset?mode=merge&dryRun=true", bundle, keep=3)
record("createKey", "POST", "/api/v1/keys", {"name": "ci-bot", "scopes": ["law"]}, expect=201)
record("listKeys", "GET", "/api/v1/keys", keep=3)
record("rotateSigningKey", "POST", "/api/v1/keys/signing/rotate")
record("revokeKey", "DELETE", "/api/v1/keys/ci-bot", expect=204)
examples["revokeKey"]["parameters"] = {"name": "ci-bot"}
# a key's secret is shown once; the example's is not one
examples["createKey"]["response"]["key"] = "exo_the-secret-is-shown-here-once"

json.dump(examples, sys.stdout, indent=1, sort_keys=True)
print()
