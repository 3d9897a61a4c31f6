"""Runtime hook of the frozen app, run before the app's code: the app folder has no Pillow.

reportlab imports `PIL.Image` as it loads, but needs Pillow only to put raster pictures (PNG, JPEG...)
into a PDF; openpyxl and python-docx need it only for pictures too. sv-desktop's packs, briefs, reports
and workbooks have none: they are text, tables, vector charts and embedded fonts. So the spec leaves
Pillow out (about 6 MB with its JPEG, TIFF and JPEG 2000 libraries), and this module stands in for the
package: `from PIL import Image` gives None, which is how both libraries say that Pillow is missing
(reportlab's `haveImages` is False; openpyxl leaves pictures out), and any other `import PIL.…` fails
with ImportError, as without Pillow.
"""

import sys
import types

if "PIL" not in sys.modules:
    _pil = types.ModuleType("PIL", "Not Pillow: the sv-desktop app folder has no raster image support.")
    _pil.Image = None
    _pil.__path__ = []  # a package with no submodules
    sys.modules["PIL"] = _pil
