"""gazetteer-bulk: geoparse article archives on a Dask cluster into PostGIS or GIS files.

The engine (recognition, resolution, the output schema, COPY rows, GDAL writing) is the C++
library behind the ``_gazetteer_engine`` module; this package only plans partitions, runs them on
Dask workers and moves their rows to the destination. See README.md, "Bulk geocoding".
"""
