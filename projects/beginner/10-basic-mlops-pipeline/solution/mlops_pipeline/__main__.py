"""`python -m mlops_pipeline CONFIG`: the pipeline's command line."""

import sys

from .pipeline import main

sys.exit(main())
