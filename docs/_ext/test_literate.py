"""Tests of the literate-page logic (run: python3 -m unittest, from docs/_ext)."""
import os
import tempfile
import unittest
from unittest import mock

import literate

SOURCE = '''//! # Title
//!
//! Intro with $x^2$.
#include <iostream>
int main(int argc, char** argv) {
  auto chapter = d2l::Chapter(argc, argv);
  std::cout << "hello\\n";

  //! ## One
  //! First prose.
  chapter.section("One");
  int a = 1;
  //! More prose.
  std::cout << a << "\\n";

  //! ## Exercises
  //! 1. Try it.
}
'''


def render(sections):
    warnings = []
    with mock.patch.object(literate, "logger") as logger:
        logger.warning.side_effect = lambda fmt, *args: warnings.append(fmt % args)
        page, figures = literate.render_page(SOURCE, sections, "x.cpp", "x_files")
    return page, figures, warnings


def run(*entries):
    return [{"title": t, "output": o, "figures": f} for t, o, f in entries]


class RenderPage(unittest.TestCase):
    def test_outputs_follow_the_last_code_block_of_their_section(self):
        page, figures, warnings = render(run(
            ("", "hello\n", []),
            ("One", "1\n", [{"file": "a.svg", "caption": "A"}])))
        self.assertEqual(warnings, [])
        self.assertEqual(figures, ["a.svg"])
        # Preamble output right after the first code block.
        self.assertIn('std::cout << "hello\\n";\n```\n\n```text\nhello\n```', page)
        # Section output after the section's last code block, then the figure.
        self.assertIn('std::cout << a << "\\n";\n```\n\n```text\n1\n```\n\n'
                      '```{figure} x_files/a.svg', page)
        self.assertLess(page.index("```text\n1"), page.index("## Exercises"))

    def test_code_is_cleaned(self):
        page, _, _ = render(run(("", "", []), ("One", "", [])))
        self.assertNotIn("chapter.section", page)
        self.assertIn("```cpp\nint a = 1;\n```", page)  # dedented
        self.assertNotIn("```cpp\n}", page)  # the closing brace alone is dropped
        self.assertNotIn("```text", page)  # nothing printed, no block
        self.assertIn("Intro with $x^2$.", page)

    def test_a_section_missing_from_the_run_is_an_error(self):
        _, _, warnings = render(run(("", "", [])))
        self.assertEqual(len(warnings), 1)
        self.assertIn('chapter.section("One") is not in', warnings[0])

    def test_a_run_section_without_heading_is_an_error(self):
        _, _, warnings = render(run(("", "", []), ("One", "", []), ("Two", "x", [])))
        self.assertEqual(len(warnings), 1)
        self.assertIn("'Two' that has no heading", warnings[0])

    def test_fences_grow_around_backticks(self):
        self.assertEqual(literate._fence("a ``` b", "text"), "````text\na ``` b\n````\n")


LIBRARY = """#include "x.hpp"

namespace d2l {

// [linreg]
NDArray linreg(const NDArray& X, const NDArray& w, const NDArray& b) {
  return nd::dot(X, w) + b;
}
// [linreg]

namespace {
// [loop]
void loop() {
  for (;;) {
    // [inner]
    step();
    // [inner]
  }
}
// [loop]
}  // namespace

// [unclosed]
void sgd();
}  // namespace d2l
"""


class SourceDirective(unittest.TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.root = folder.name
        os.makedirs(os.path.join(self.root, "lib", "src"))
        with open(os.path.join(self.root, "lib", "src", "x.cpp"), "w") as f:
            f.write(LIBRARY)

    def render(self, *directives):
        source = ("//! # Title\n//!\n//! Before.\n" +
                  "".join(f"//! @source {d}\n" for d in directives) +
                  "//! After.\nint main() {}\n")
        warnings = []
        with mock.patch.object(literate, "logger") as logger:
            logger.warning.side_effect = lambda fmt, *a: warnings.append(fmt % a)
            page, _ = literate.render_page(source, [], "c.cpp", "c_files", self.root)
        return page, warnings

    def test_shows_the_lines_between_the_markers_with_the_file_as_caption(self):
        page, warnings = self.render("lib/src/x.cpp linreg")
        self.assertEqual(warnings, [])
        self.assertIn(
            "Before.\n\n```{code-block} cpp\n:caption: lib/src/x.cpp\n\n"
            "NDArray linreg(const NDArray& X, const NDArray& w, const NDArray& b) {\n"
            "  return nd::dot(X, w) + b;\n}\n```\n\nAfter.", page)
        self.assertNotIn("[linreg]", page)
        self.assertNotIn("@source", page)

    def test_several_names_make_one_block_dedented_without_nested_markers(self):
        page, warnings = self.render("lib/src/x.cpp inner linreg")
        self.assertEqual(warnings, [])
        self.assertIn("```{code-block} cpp\n:caption: lib/src/x.cpp\n\nstep();\n\n"
                      "NDArray linreg(", page)
        page, _ = self.render("lib/src/x.cpp loop")
        self.assertIn("void loop() {\n  for (;;) {\n    step();\n  }\n}\n```", page)

    def test_a_missing_file_or_marker_is_an_error(self):
        _, warnings = self.render("lib/src/nothere.cpp linreg")
        self.assertEqual(len(warnings), 1)
        self.assertIn("no such file", warnings[0])
        for name in ("sgd", "unclosed"):
            page, warnings = self.render(f"lib/src/x.cpp {name}")
            self.assertEqual(len(warnings), 1)
            self.assertIn(f"two marker lines `// [{name}]`", warnings[0])
            self.assertNotIn("code-block", page)
        _, warnings = self.render("lib/src/x.cpp")
        self.assertIn("needs a file and at least one marker name", warnings[0])
        _, warnings = self.render("lib/../../x.cpp linreg")
        self.assertIn("no such file", warnings[0])

    def test_the_listing_is_not_where_outputs_go(self):
        source = ("//! # T\nint main(int argc, char** argv) {\n"
                  "  //! ## One\n  chapter.section(\"One\");\n  run();\n"
                  "  //! @source lib/src/x.cpp linreg\n}\n")
        page, _ = literate.render_page(source, run(("", "", []), ("One", "out", [])),
                                       "c.cpp", "c_files", self.root)
        self.assertLess(page.index("```text\nout"), page.index("{code-block}"))


if __name__ == "__main__":
    unittest.main()


class RunNoteTest(unittest.TestCase):
    def test_cpu_profile_is_spelled_out_under_the_title(self):
        run = {"chapter": "alexnet", "profile": "cpu",
               "flags": {"device": "cpu", "seed": 0, "resize": 112, "num_train": 8000,
                         "epochs": 3, "batch_size": 32}}
        page = literate._with_run_note("# AlexNet\n\nText.\n", run)
        lines = page.split("\n")
        self.assertEqual(lines[0], "# AlexNet")
        self.assertIn("profile `cpu`", lines[2])
        self.assertIn("112x112 images, 8000 training examples, 3 epochs, batch 32", page)
        self.assertIn("--profile book", page)
        self.assertLess(page.index("--profile book"), page.index("Text."))

    def test_book_profile_gets_no_cpu_note(self):
        run = {"chapter": "lenet", "profile": "book", "flags": {"device": "cpu"}}
        page = literate._with_run_note("# LeNet\n", run)
        self.assertIn("profile `book`", page)
        self.assertNotIn("CPU profile", page)
