"""The page a person uses: type a review or a tweet, press a button, read the verdict.

Plain HTML and a few lines of JavaScript, no framework: the script sends the
text to `POST /predict` with `fetch` and writes the answer into the page. The
page leaves validation to the API, which already does it, and shows the API's
reason when it refuses a text. The roles `status` and `alert` tell a screen
reader (and the browser test) where the answer and the errors appear.

`index_page` (provided) puts the document together from the two parts you
write: the controls and the script. They meet through the ids of the elements.
"""

TEXT_ID = "text"  # the textarea
BUTTON_ID = "analyse"
RESULT_ID = "result"  # where a verdict appears, role="status"
ERROR_ID = "error"  # where the API's reason appears, role="alert"


def page_controls(max_text_chars: int) -> str:
    """Return the HTML of the page's controls, in this order.

    - a `<label>` for the `<textarea>` of id TEXT_ID (the label is its
      accessible name: "Your review or tweet");
    - a line under it that says the limit, "Up to {max_text_chars} characters.";
    - a `<button>` of id BUTTON_ID, type "button", that reads "Analyse";
    - an empty element of id RESULT_ID with `role="status"`, for the verdict;
    - an empty element of id ERROR_ID with `role="alert"`, for a refusal.
    """
    # BEGIN SOLUTION (task 7): a label and its textarea, the limit, a button, a status and an alert
    return f"""<label for="{TEXT_ID}">Your review or tweet</label>
<textarea id="{TEXT_ID}" rows="6"></textarea>
<p><small>Up to {max_text_chars} characters.</small></p>
<button id="{BUTTON_ID}" type="button">Analyse</button>
<p id="{RESULT_ID}" role="status"></p>
<p id="{ERROR_ID}" role="alert"></p>
"""
    # END SOLUTION


def page_script() -> str:
    """Return the JavaScript that makes the button work, without the `<script>` tags.

    When the button of id BUTTON_ID is clicked, the script:

    - clears the elements of ids RESULT_ID and ERROR_ID, so an old verdict never
      sits beside a new error;
    - sends `{"texts": [<the text as typed>]}` to `/predict` with `fetch` (method
      POST, header `Content-Type: application/json`), even when the text is
      empty: checking it is the API's job;
    - on success, writes the label and its probability as a whole percentage
      into RESULT_ID, for example `great (93%)`;
    - on a refusal, writes the API's reason into ERROR_ID: the `msg` of the
      first entry of the response's `detail` list;
    - when the service does not answer at all, says so in ERROR_ID.
    """
    # BEGIN SOLUTION (task 7): on click, clear both; fetch POST /predict; show verdict or msg
    return f"""
const result = document.getElementById("{RESULT_ID}");
const error = document.getElementById("{ERROR_ID}");
document.getElementById("{BUTTON_ID}").addEventListener("click", async () => {{
  result.textContent = "";
  error.textContent = "";
  try {{
    const response = await fetch("/predict", {{
      method: "POST",
      headers: {{"Content-Type": "application/json"}},
      body: JSON.stringify({{texts: [document.getElementById("{TEXT_ID}").value]}}),
    }});
    const body = await response.json();
    if (response.ok) {{
      const [prediction] = body.predictions;
      const percent = Math.round(prediction.probability * 100);
      result.textContent = `${{prediction.label}} (${{percent}}%)`;
    }} else {{
      error.textContent = body.detail[0].msg;
    }}
  }} catch (failure) {{
    error.textContent = `The service did not answer: ${{failure}}`;
  }}
}});
"""
    # END SOLUTION


def index_page(max_text_chars: int) -> str:
    """Return the HTML of the page: a complete document around the controls and the script.

    `max_text_chars` is for the hint under the text box.
    """
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sentiment of a review</title>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; }}
    textarea {{ width: 100%; }}
    [role="alert"] {{ color: #b00020; }}
  </style>
</head>
<body>
  <h1>Is this a five-star review?</h1>
{page_controls(max_text_chars)}
<script>
{page_script()}
</script>
</body>
</html>
"""
