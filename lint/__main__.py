"""`python -m lint` runs the same command line as `essaylint`."""

import sys

from lint.cli import main

sys.exit(main())
