"""Adapters that read the real public datasets (../shared/data) as records of the input contract.

`ADAPTERS[name](data_dir)` returns the adapter's sources, in the order to load them (accounts before what
refers to them); data_dir is the folder holding the dataset folders. Each source is one record type from one
file; its rows_factory() streams (line in the file, {contract field: text or None}) afresh on every call.
"""

from ingest.adapters import chicago, fhrs, vispam
from ingest.adapters.common import AdapterSource

ADAPTERS = {"chicago": chicago.sources, "fhrs": fhrs.sources, "vispam": vispam.sources}

__all__ = ["ADAPTERS", "AdapterSource"]
