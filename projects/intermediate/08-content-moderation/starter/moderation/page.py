"""The review dashboard's HTML: the queue of posts waiting for a moderator.

One self-contained page: the style and the script are inline, nothing is fetched
but the API of the same app. Every text that came from outside (a post, a name) is
escaped before it is written.
"""

from __future__ import annotations

from html import escape

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 64rem; }
table { border-collapse: collapse; } td, th { padding: 0.3rem 0.8rem; text-align: left; }
tr:nth-child(even) { background: #f4f4f4; } [role=alert] { color: #b00020; }
"""

REVIEW_SCRIPT = """
const status = document.getElementById("review-status");
const alert = document.getElementById("review-error");
for (const button of document.querySelectorAll("button[data-verdict]")) {
  button.addEventListener("click", async () => {
    status.textContent = ""; alert.textContent = "";
    const row = button.closest("tr");
    const reviewer = document.getElementById("reviewer").value;
    const body = {reviewer: reviewer, verdict: button.dataset.verdict};
    const response = await fetch(`/api/posts/${row.dataset.post}/review`, {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.ok) {
      const review = answer.review;
      status.textContent = `${answer.post_id}: ${review.verdict} by ${review.reviewer}`;
      row.remove();
    } else {
      const detail = answer.detail;
      alert.textContent = Array.isArray(detail) ? detail.map((d) => d.msg).join("; ") : detail;
    }
  });
}
"""


def queue_page(queue: list[dict]) -> str:
    """The posts waiting for review, in the queue's order, each with Approve and Remove."""
    rows = "".join(
        f'<tr data-post="{escape(post["post_id"])}"><td>{escape(post["post_id"])}</td>'
        f"<td>{escape(post['text']) or '<em>no text</em>'}</td>"
        f"<td>{'image' if post['has_image'] else ''}</td>"
        f"<td>{'unscored' if post['score'] is None else format(post['score'], '.2f')}</td>"
        f'<td><button data-verdict="approve">Approve</button> '
        f'<button data-verdict="remove">Remove</button></td></tr>'
        for post in queue
    )
    header = "<tr><th>Post</th><th>Text</th><th>Image</th><th>P(unsafe)</th><th>Verdict</th></tr>"
    body = (
        f"<h1>Review queue</h1><p>{len(queue)} posts waiting, the likeliest harm first</p>"
        '<p><label for="reviewer">Your name</label> <input id="reviewer" autocomplete="name"></p>'
        '<p id="review-status" role="status"></p><p id="review-error" role="alert"></p>'
        f"<table>{header}{rows}</table><script>{REVIEW_SCRIPT}</script>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Review queue</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )
