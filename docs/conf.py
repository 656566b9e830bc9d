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

extensions = ["myst_parser", "breathe", "literate"]

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
pygments_style = "sphinx"

html_theme = "alabaster"
html_title = project
html_theme_options = {
    "description": "A literate tutorial: every section is a runnable C++ program.",
    "page_width": "1180px",
    "sidebar_width": "220px",
    "fixed_sidebar": True,
}
html_sidebars = {"**": ["about.html", "navigation.html", "relations.html",
                        "searchbox.html"]}
html_show_sourcelink = False
html_copy_source = False
html_static_path = ["_static"]
html_css_files = ["d2l.css"]
