#!/usr/bin/env python3
"""A receiver of exoreg's watch events: checks each delivery's Standard Webhooks signature and
timestamp, skips a webhook-id it has seen, and prints what changed.

    WEBHOOK_SECRET=whsec_... examples/webhook-receiver.py 9000
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = base64.b64decode(os.environ["WEBHOOK_SECRET"].removeprefix("whsec_"))
TOLERANCE = 5 * 60  # seconds a timestamp may be off, against replays
seen = set()


def verified(headers, body):
    """Whether one of the v1 signatures is the HMAC-SHA256 of id.timestamp.body."""
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > TOLERANCE:
        return False
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(SECRET, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(sig.removeprefix("v1,"), expected)
        for sig in headers["webhook-signature"].split(" ")
        if sig.startswith("v1,")
    )


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if not verified(self.headers, body):
            self.send_response(401)
            self.end_headers()
            return
        if self.headers["webhook-id"] not in seen:  # at least once: a retry may repeat one
            seen.add(self.headers["webhook-id"])
            event = json.loads(body)
            for change in event["changes"]:
                print(f'{event["on"]} {change["sku"]} in {change["market"]}: '
                      f'{change["from"]["status"]} -> {change["to"]["status"]} '
                      f'({", ".join(change["to"]["decidingRules"])})', flush=True)
        self.send_response(204)
        self.end_headers()


HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
