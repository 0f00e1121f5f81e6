"""Batch extraction: many PDFs in, one output per PDF, resumable and parallel.

``runner`` drives a batch; ``pool`` (local processes) and ``dask_executor``
(a Dask cluster) are the two interchangeable ways of running the files;
``exports`` and ``sqlite_sink`` turn results into files and tables.
"""
