"""`python -m mlops_pipeline CONFIG`: the pipeline's command line."""

import sys

from mlops_pipeline.pipeline import main

if __name__ == "__main__":
    sys.exit(main())
