"""``python -m service.cli``."""

import sys

from . import main

sys.exit(main())
