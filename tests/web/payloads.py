"""Hostile strings for the XSS tests: each would run script, add an element or navigate if the app let it.

Every payload that can add an element marks it ``data-pwned``; every script
sets ``window.__xss`` or opens a dialog. The tests put them in statement text,
titles and metadata (source URL, query parameters, upload names) and check in
the real browser that nothing ran and nothing was injected.
"""

PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    "<img src=x onerror=\"window.__xss=2;alert(2)\" data-pwned>",
    "<svg onload=\"window.__xss=3;alert(3)\" data-pwned></svg>",
    "<a href=\"javascript:window.__xss=4;alert(4)\" data-pwned>click me</a>",
    "\"><script>window.__xss=5;alert(5)</script>",
    "'><img src=x onerror='window.__xss=6;alert(6)' data-pwned>",
    "{{ 7*7 }} {% for x in range(3) %}jinja{% endfor %} ${7*7} #{7*7}",
    "<iframe src=\"javascript:alert(8)\" data-pwned></iframe>",
    "<body onload=\"window.__xss=9;alert(9)\">",
    "<input autofocus onfocus=\"window.__xss=10;alert(10)\" data-pwned>",
    "<details open ontoggle=\"window.__xss=11;alert(11)\" data-pwned>x</details>",
    "</script><script>window.__xss=12;alert(12)</script>",
    "<!--<script>alert(13)</script>--><b data-pwned>13</b>",
    "<style>body{display:none}</style><b data-pwned>14</b>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=15;alert(15)\" data-pwned>",
    "<object data=\"javascript:alert(16)\" data-pwned></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(17)\">",
    "<base href=\"javascript:alert(18)//\">",
    "\" onmouseover=\"window.__xss=19;alert(19)\" data-pwned=\"",
    "' onfocus='window.__xss=20;alert(20)' autofocus data-pwned='",
    "<video><source onerror=\"window.__xss=21;alert(21)\" data-pwned></video>",
    "<form action=\"javascript:alert(22)\"><button data-pwned>go</button></form>",
    "\u2028\u2029</script><script>window.__xss=23</script>",
    "<x onclick=\"window.__xss=24;alert(24)\" onmouseover=\"alert(24)\" data-pwned>hover me</x>",
    "javascript:alert(25)",
    "<embed src=\"data:text/html,<script>alert(26)</script>\" data-pwned>",
]
"""26 payloads."""

HOSTILE_URL = "javascript:window.__xss=99;alert(99)"
"""A statement 'source' that must never become a link."""
