# Sphinx configuration of the book. Run through the `book` CMake target, which
# passes where things are in environment variables:
#   D2L_ROOT         the repository (chapters/, docs/)
#   D2L_RUNS         the chapters' output folders (<name>/sections.json, figures)
#   D2L_DOXYGEN_XML  Doxygen's XML of lib/include, for the API reference
# The source folder given to sphinx-build is a staging folder in the build tree:
# the `literate` extension (docs/_ext/literate.py) fills it with generated pages.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_ext"))

project = "Dive into Deep Learning in C++"
author = "The d2l-cpp authors"
copyright = "2026, " + author

extensions = ["myst_parser", "breathe", "sphinx_copybutton", "literate"]

d2l_root = os.environ.get("D2L_ROOT", os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
d2l_runs = os.environ.get("D2L_RUNS", os.path.join(d2l_root, "build", "book", "runs"))
d2l_doxygen_xml = os.environ.get(
    "D2L_DOXYGEN_XML", os.path.join(d2l_root, "build", "book", "doxygen", "xml"))

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# Markdown: $math$ and $$display math$$ in the chapters' prose.
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_update_mathjax = False  # keep MathJax 2's own configuration (see DESIGN.md)

# Math, offline: Debian's MathJax 2.7, copied into _static/mathjax by `literate`.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML"

# The API reference, from Doxygen's XML.
breathe_projects = {"d2l": d2l_doxygen_xml}
breathe_default_project = "d2l"
breathe_default_members = ("members",)
primary_domain = "cpp"
highlight_language = "cpp"

# Furo (Debian's `furo`): a page table of contents, phone layouts and dark mode.
html_theme = "furo"
html_title = project
html_theme_options = {
    "navigation_with_keys": True,
    # The book's green, from the output panels (docs/_static/d2l.css).
    "light_css_variables": {"color-brand-primary": "#4d6b1f",
                            "color-brand-content": "#3d5a8a"},
    "dark_css_variables": {"color-brand-primary": "#a8c46a",
                           "color-brand-content": "#8fb0e0"},
}
html_show_sourcelink = False
html_copy_source = False
html_static_path = ["_static"]
html_css_files = ["d2l.css"]

# A copy button on the programs' code only: not on their printed output, whose
# blocks are `text`.
copybutton_selector = "div.highlight-cpp pre"
