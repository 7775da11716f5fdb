"""The frozen program's entry script: PyInstaller needs a file, the app's entry is a function.

It only hands over to `dhbrowser.cli.main`, exactly what the `dhbrowser` console script runs.
"""

import sys

from dhbrowser.cli import main

if __name__ == "__main__":
    sys.exit(main())
