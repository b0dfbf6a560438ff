"""Reads CSV files of /api/v1/stats.csv with pandas as the data package describes them.

Usage: pandas-read.py datapackage.json file.csv [file.csv.gz ...]. Prints, for each file, its
columns, the dtype pandas gave each and its rows as JSON (missing values as null).
"""
import json
import sys

import pandas as pd

package = json.load(open(sys.argv[1], encoding="utf-8"))
resource = package["resources"][0]
schema = resource["schema"]
# Frictionless types as pandas dtypes: nullable integers and booleans, so an empty cell is
# missing rather than a float NaN; float64 for numbers, whose parser reads them back exactly.
DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
dtype = {field["name"]: DTYPES[field["type"]] for field in schema["fields"]}

out = []
for path in sys.argv[2:]:
    frame = pd.read_csv(
        path,
        dtype=dtype,
        encoding=resource["encoding"],
        sep=resource["dialect"]["delimiter"],
        keep_default_na=False,
        na_values=schema["missingValues"],
        float_precision="round_trip",
        compression="infer",
    )
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    out.append({"columns": list(frame.columns), "dtypes": {c: str(t) for c, t in frame.dtypes.items()}, "rows": rows})
json.dump(out, sys.stdout)
