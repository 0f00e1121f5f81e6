"""Layout analysis: ruling lines and text boxes to table regions and text lines."""
