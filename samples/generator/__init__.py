"""Synthetic disclosure reports with exact truth files, for training and testing the extractor.

``content`` decides what a report says (``spec.DocSpec``); ``render`` draws it
as a PDF and writes the truth; ``python -m samples.generator`` makes a corpus.
"""
