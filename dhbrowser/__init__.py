"""dhbrowser: browse ZEGOCLOUD AIGC Digital Humans on the desktop."""

# The one place the version is written: pyproject.toml reads it from here (hatch's version
# source), so the app knows it without importlib.metadata, which costs 20–30 ms at start-up.
__version__ = "0.1.0"
