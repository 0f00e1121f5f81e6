"""Extractor for Chinese government budget and final-account disclosure reports."""

__version__ = "0.1.0"
