"""Starts fakesnow 0.12.1 in server mode on 127.0.0.1:PORT, with one fix of our test setup.

snowflake-jdbc binds a java.math.BigDecimal as type FIXED with its fractional digits
("123.4567"); fakesnow converts every FIXED binding with int(), which fails (HTTP 500). Here a
FIXED value that is not a whole number becomes a Decimal, and a NULL stays NULL. The rest of
fakesnow is unchanged. Recorded in src/test/tools/fakesnow.md.

usage: fakesnow_server.py PORT
"""
import sys
from decimal import Decimal

import fakesnow.server
import uvicorn

_convert = fakesnow.server.from_binding


def from_binding(binding):
    value = binding.get("value")
    if binding.get("type") == "FIXED":
        if value is None:
            return None
        if not value.lstrip("-").isdigit():
            return Decimal(value)
    return _convert(binding)


fakesnow.server.from_binding = from_binding

if __name__ == "__main__":
    uvicorn.run(fakesnow.server.app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
