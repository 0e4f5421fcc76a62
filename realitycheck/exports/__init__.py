"""What the app writes for people to open elsewhere: CSV that is safe in a spreadsheet."""
