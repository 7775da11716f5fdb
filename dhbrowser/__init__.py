"""dhbrowser: browse ZEGOCLOUD AIGC Digital Humans on the desktop."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dhbrowser")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"
