"""`python -m dhbrowser`: the same as the `dhbrowser` command."""

import sys

from dhbrowser.cli import main

sys.exit(main())
