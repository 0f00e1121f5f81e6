"""Where the CJK font used to draw seals and invisible text layers lives (installed by the set-up scripts)."""

from __future__ import annotations

from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
