"""The page a person uses: type a review or a tweet, press a button, read the verdict.

Plain HTML and a few lines of JavaScript, no framework: the script sends the
text to `POST /predict` with `fetch` and writes the answer into the page. The
page leaves validation to the API, which already does it, and shows the API's
reason when it refuses a text. The roles `status` and `alert` tell a screen
reader (and the browser test) where the answer and the errors appear.
"""


def index_page(max_text_chars: int) -> str:
    """Return the HTML of the page, a complete document with an inline script.

    It holds:

    - a `<textarea>` with a `<label>` (its accessible name), for the text;
    - a `<button>` that sends `{"texts": [<the text as typed>]}` to `/predict`
      with `fetch` (method POST, header `Content-Type: application/json`);
    - an element with `role="status"` where a success shows the label and its
      probability as a percentage, for example `great (93%)`;
    - an element with `role="alert"` where a refusal shows the API's reason: the
      `msg` of the first entry of the response's `detail` list.

    Each answer clears the other element, so an old verdict never sits beside a
    new error. The text is sent as typed, even when empty: checking it is the
    API's job. `max_text_chars` is for the hint under the text box.
    """
    raise NotImplementedError(
        "Task 6: a label, a textarea, a button, a status and an alert; fetch on click"
    )
