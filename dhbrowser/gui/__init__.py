"""The Qt layer: models, views and the workers that feed them from the Qt-free core."""
