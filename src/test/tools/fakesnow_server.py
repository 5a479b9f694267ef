"""Starts fakesnow 0.12.1 in server mode on 127.0.0.1:PORT, with one fix of our test setup.

1. snowflake-jdbc binds a java.math.BigDecimal as type FIXED with its fractional digits
   ("123.4567"); fakesnow converts every FIXED binding with int(), which fails (HTTP 500). Here a
   FIXED value that is not a whole number becomes a Decimal. A NULL stays NULL, whatever its type:
   in an array-bound batch a NULL of a DATE column comes typed DATE, and fakesnow's int() fails on
   it too.
2. For a PUT, fakesnow answers stage info shaped for snowflake-connector-python; snowflake-jdbc
   also reads "region", "endPoint" and "isClientSideEncrypted" and fails with a
   NullPointerException without them. Here they are added (no region, no endpoint, unencrypted).
3. COPY INTO a table of ten or more columns from CSV selects column0, column1, ... but DuckDB
   names them column00, column01, ...: "Referenced column column0 not found". Here the CSV is
   read with every field as text (as Snowflake reads CSV: the column types convert it, so a
   decimal never passes through a DOUBLE) and inserted by position.

The rest of fakesnow is unchanged. Recorded in src/test/tools/fakesnow.md.

usage: fakesnow_server.py PORT
"""
import sys
from decimal import Decimal

import fakesnow.copy_into
import fakesnow.server
import uvicorn
from sqlglot import exp

_convert = fakesnow.server.from_binding


def from_binding(binding):
    value = binding.get("value")
    if value is None:
        return None
    if binding.get("type") == "FIXED" and not value.lstrip("-").isdigit():
        return Decimal(value)
    return _convert(binding)


fakesnow.server.from_binding = from_binding

_gcs_stage_info = fakesnow.server.gcs_stage_info


def gcs_stage_info(request, expr, put_stage_data):
    return {"region": None, "endPoint": None, "isClientSideEncrypted": False,
            **_gcs_stage_info(request, expr, put_stage_data)}


fakesnow.server.gcs_stage_info = gcs_stage_info

_inserts = fakesnow.copy_into._inserts
_read_csv = fakesnow.copy_into.ReadCSV.read_expression


def inserts_by_position(expr, params, urls, parquet_info=None):
    inserts = _inserts(expr, params, urls, parquet_info)
    if isinstance(params.file_format, fakesnow.copy_into.ReadCSV) and not isinstance(
            expr.args["files"][0], exp.Subquery):
        for insert in inserts:
            insert.expression.set("expressions", [exp.Star()])
    return inserts


def read_csv_as_text(self, url):
    read = _read_csv(self, url)
    read.append("expressions", self.make_eq("all_varchar", True))
    return read


fakesnow.copy_into._inserts = inserts_by_position
fakesnow.copy_into.ReadCSV.read_expression = read_csv_as_text

if __name__ == "__main__":
    uvicorn.run(fakesnow.server.app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
