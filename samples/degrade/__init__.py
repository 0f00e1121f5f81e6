"""Damaged copies of PDFs for the test corpus: scanned look-alikes and garbled text layers."""
