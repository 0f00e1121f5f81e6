"""Page table regions to logical tables (a table continued over pages is one table)."""
