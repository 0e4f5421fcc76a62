"""Streamlit pieces for the models half: inputs, charts and the result view."""
