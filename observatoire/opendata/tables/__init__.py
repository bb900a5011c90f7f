"""Every table of the open-data package, one declaration each (see `observatoire.opendata.table`).

Adding a table to the dump, to /donnees/, to the package and to the DCAT catalogue is adding one
`Table(...)` to the `TABLES` of its body's module here (or a module of its own, listed below). Each table
reads its app's own door to what the public sees (`published()`, the studies' flag, the organisations of
published cases), so no draft reaches a file.
"""

from observatoire.opendata.table import DATASETS, OBSERVATORY, Column, Table
from observatoire.opendata.tables import cases, indicators, reference, resources, surveys

TABLES: list[Table] = [*cases.TABLES, *surveys.TABLES, *indicators.TABLES, *resources.TABLES, *reference.TABLES]

__all__ = ["DATASETS", "OBSERVATORY", "TABLES", "Column", "Table"]
