"""Tests of the literate-page logic (run: python3 -m unittest, from docs/_ext)."""
import unittest
from unittest import mock

import literate

SOURCE = '''//! # Title
//!
//! Intro with $x^2$.
#include <iostream>
int main(int argc, char** argv) {
  auto book = d2l::Chapter(argc, argv);
  std::cout << "hello\\n";

  //! ## One
  //! First prose.
  book.section("One");
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
        self.assertNotIn("book.section", page)
        self.assertIn("```cpp\nint a = 1;\n```", page)  # dedented
        self.assertNotIn("```cpp\n}", page)  # the closing brace alone is dropped
        self.assertNotIn("```text", page)  # nothing printed, no block
        self.assertIn("Intro with $x^2$.", page)

    def test_a_section_missing_from_the_run_is_an_error(self):
        _, _, warnings = render(run(("", "", [])))
        self.assertEqual(len(warnings), 1)
        self.assertIn('book.section("One") is not in', warnings[0])

    def test_a_run_section_without_heading_is_an_error(self):
        _, _, warnings = render(run(("", "", []), ("One", "", []), ("Two", "x", [])))
        self.assertEqual(len(warnings), 1)
        self.assertIn("'Two' that has no heading", warnings[0])

    def test_fences_grow_around_backticks(self):
        self.assertEqual(literate._fence("a ``` b", "text"), "````text\na ``` b\n````\n")


if __name__ == "__main__":
    unittest.main()
