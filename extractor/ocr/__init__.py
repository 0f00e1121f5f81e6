"""Text recognition for scanned pages: cell crops read by a primary engine, re-read by a second one."""
