"""Accounting identities: inside one table (``tables``, ``summary``) and across a report (``cross``)."""

from extractor.checks.cross import cross_table_checks

__all__ = ["cross_table_checks"]
