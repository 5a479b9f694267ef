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

4. With FAKESNOW_RESULTS=json in the environment, result sets are answered as Snowflake's JSON
   rowsets, as Snowflake does for a session with JDBC_QUERY_RESULT_FORMAT=JSON (production's
   setting); fakesnow answers every SELECT in Arrow. A converter in front of fakesnow's app
   (json_results, below) turns each Arrow rowset into the JSON one: the packaged tests run the
   function on production's result path with it (issue 18).

The rest of fakesnow is unchanged. Recorded in src/test/tools/fakesnow.md.

usage: fakesnow_server.py PORT
"""
import base64
import json
import os
import sys
from decimal import Decimal

import pyarrow as pa

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



def json_value(value, logical_type):
    """One value as Snowflake's JSON rowset writes it (what snowflake-jdbc's JSON result set parses)."""
    if value is None:
        return None
    if logical_type.startswith("TIMESTAMP"):
        if value["epoch"] is None:  # fakesnow's struct has no null mask: a NULL is a struct of NULLs
            return None
        text = f"{value['epoch']}.{value['fraction']:09d}"
        return f"{text} {value['timezone']}" if "timezone" in value else text
    if logical_type == "TIME":
        return f"{value // 1_000_000_000}.{value % 1_000_000_000:09d}"
    if logical_type == "DATE":
        return str(value)  # days since the epoch: the column is read as int32 below
    if logical_type == "BOOLEAN":
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return "NaN" if value != value else "Infinity" if value == float("inf") else "-Infinity" if value == float("-inf") else repr(value)
    if isinstance(value, bytes):
        return value.hex().upper()
    return str(value)


def arrow_to_rowset(rowset_base64):
    if not rowset_base64:
        return []
    table = pa.ipc.open_stream(base64.b64decode(rowset_base64)).read_all()
    columns = []
    for field, column in zip(table.schema, table.columns):
        logical_type = (field.metadata or {}).get(b"logicalType", b"").decode()
        if logical_type == "DATE":
            column = column.cast(pa.int32())
        columns.append([json_value(v, logical_type) for v in column.to_pylist()])
    return [list(row) for row in zip(*columns)] if columns else []


def json_results(app):
    """ASGI wrapper: query answers in Arrow are re-encoded as JSON rowsets."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/queries/v1/query-request"):
            await app(scope, receive, send)
            return
        start = {}
        body = bytearray()

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    answer = bytes(body)
                    try:
                        document = json.loads(answer)
                        data = document.get("data") or {}
                        if data.get("queryResultFormat") == "arrow":
                            data["rowset"] = arrow_to_rowset(data.pop("rowsetBase64", ""))
                            data["queryResultFormat"] = "json"
                            answer = json.dumps(document).encode()
                    except ValueError:
                        pass
                    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                    headers.append((b"content-length", str(len(answer)).encode()))
                    await send({**start, "headers": headers})
                    await send({"type": "http.response.body", "body": answer})

        await app(scope, receive, capture)

    return wrapped


if __name__ == "__main__":
    application = fakesnow.server.app
    if os.environ.get("FAKESNOW_RESULTS") == "json":
        application = json_results(application)
    uvicorn.run(application, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
