"""Reality Check engine: plain Python, no Streamlit, no plotting."""

__version__ = "0.1.0"
