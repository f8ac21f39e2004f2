import sys

from localwire.cli import main

sys.exit(main())
