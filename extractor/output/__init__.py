"""Turning the pipeline's working objects into the budget-tables/1 contract."""
