"""Streamlit pieces for the time half: charts, entry table, import, standup and settings forms."""
