"""Headless Qt (QtCore and QtGui, never QtWidgets): settings, workers, images, the catalog
model and the stores that feed the widgets; what `--check` runs without a window."""
