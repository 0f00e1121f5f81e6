"""From a page bitmap to an upright, clean image and its ruling lines (the scanned-page path)."""
