"""Train the TF-IDF model and serve it, to try the page by hand: `python -m sentiment serve`.

Then open http://127.0.0.1:8000 in a browser, or read the API's documentation,
which FastAPI writes from your request model, at http://127.0.0.1:8000/docs.
"""

import uvicorn

from sentiment.app import create_app
from sentiment.data import load_tweets
from sentiment.linear import build_pipeline

HOST = "127.0.0.1"  # this machine only
PORT = 8000


def serve(host: str = HOST, port: int = PORT) -> None:
    """Fit the pipeline of Task 3 on the training tweets and serve it until interrupted."""
    train = load_tweets("train")
    model = build_pipeline().fit(train.texts, train.labels)
    uvicorn.run(create_app(model), host=host, port=port)
