"""The columns and vocabularies of ``claims.csv``."""

import re

CLAIMS = "claims.csv"
CLAIM_COLUMNS = [
    "claim_id",
    "source_id",
    "fact_key",
    "kind",
    "quote",
    "start",
    "end",
    "attributed_to",
    "status",
    "note",
    "qualifier",
    "value",
    "low",
    "high",
    "unit",
    "date_low",
    "date_high",
    "ambiguous",
]
# read when present, never added by fill: a person adds them to the header when needed;
# ``category`` (a text claim's categorical value) is also added when a claim is given one
OPTIONAL_CLAIM_COLUMNS = ["occurrence", "category"]
CATEGORY = "category"
CATEGORY_AFTER = "note"  # where ``category`` goes in a header that lacks it
REQUIRED_CLAIM_COLUMNS = ["claim_id", "source_id", "fact_key", "quote"]
VALUE_COLUMNS = ["qualifier", "value", "low", "high", "unit", "date_low", "date_high", "ambiguous"]
KINDS = {"quantity", "duration", "date", "text"}
STATUSES = {"candidate", "confirmed", "rejected", "orphaned"}
MAX_FIGURE = 1e18  # the largest magnitude a figure is read at (see values/limits.py)
FACT_KEY = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*\Z")  # dotted lowercase words
