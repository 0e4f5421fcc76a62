"""Streamlit-aware building blocks: cached engine access, sidebar, charts, forms."""
