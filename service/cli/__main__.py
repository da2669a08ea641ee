"""``python -m service.cli``: the ``ringkas`` command without the console script."""

import sys

from . import main

sys.exit(main())
