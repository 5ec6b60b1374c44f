"""HTML results (a highlighted article, a table of scores) that show in Jupyter and can be saved as a page."""

import html

from helpers.reading import outside_seeds


class HTMLResult:
    """Shown as HTML in Jupyter; ``.html`` is the markup, ``.save(path)`` writes it as a page a browser opens offline."""

    html = ""
    title = "Baca Berita"

    def _repr_html_(self):
        return self.html

    def save(self, path):
        """Write the HTML as a standalone UTF-8 page (no script, nothing fetched) and return its path."""
        path = outside_seeds(path)
        page = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(self.title)}</title>\n</head>\n<body>\n{self.html}\n</body>\n</html>\n"
        )
        path.write_text(page, encoding="utf-8")
        return path
