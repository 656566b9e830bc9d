"""Tests of the literate-page logic (run: python3 -m unittest, from docs/_ext)."""
import os
import re
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

    def test_a_table_follows_the_output_and_comes_before_the_figures(self):
        entry = {"title": "One", "output": "1\n",
                 "figures": [{"file": "a.svg", "caption": "A"}],
                 "tables": [{"header": ["epoch", "acc"], "rows": [["1", "0.5"], ["2", ""]],
                             "caption": "Per epoch"}]}
        page, _, warnings = render(run(("", "", [])) + [entry])
        self.assertEqual(warnings, [])
        table = page.index("```{list-table} Per epoch\n:header-rows: 1")
        self.assertLess(page.index("```text\n1"), table)
        self.assertLess(table, page.index("```{figure}"))
        self.assertIn("* - epoch\n  - acc\n* - 1\n  - 0.5\n* - 2\n  -\n```", page)

    def test_fences_grow_around_backticks(self):
        self.assertEqual(literate._fence("a ``` b", "text"), "````text\na ``` b\n````\n")


def render_source(source, sections=None):
    warnings = []
    with mock.patch.object(literate, "logger") as logger:
        logger.warning.side_effect = lambda fmt, *args: warnings.append(fmt % args)
        page, _ = literate.render_page(source, sections, "x.cpp", "x_files")
    return page, warnings


LAYOUT = """//! # T
#include <d2l/d2l.hpp>
//! ## One
//! Prose of one.
class A {};
int main(int argc, char** argv) {
  auto chapter = d2l::Chapter(argc, argv, {.quick = {.epochs = 1}});
  chapter.section("One");
  A a;
  //! ## Two
  chapter.section("Two");
  chapter.result("key",
                 std::vector<double>{1, 2});  // two lines, hidden
  int b = 2;
}
"""


class Layout(unittest.TestCase):
    def test_definitions_then_main_under_the_first_section_are_fine(self):
        page, warnings = render_source(LAYOUT, run(("", "profile\n", []),
                                                   ("One", "a\n", []), ("Two", "b\n", [])))
        self.assertEqual(warnings, [])
        # The preamble's output right after the code that made the Chapter.
        self.assertRegex(page, r"Chapter\(argc, argv.*\n  A a;\n```\n\n```text\nprofile\n")
        self.assertLess(page.index("A a;"), page.index("```text\na\n"))
        self.assertNotIn("chapter.result", page)
        self.assertNotIn("two lines, hidden", page)
        self.assertRegex(page, r"## Two\n\n```cpp\n *int b = 2;\n")

    def test_a_sections_code_under_another_heading_is_an_error(self):
        source = LAYOUT.replace('  //! ## Two\n  chapter.section("Two");\n',
                                '  chapter.section("Two");\n  int c = 3;\n  //! ## Two\n')
        _, warnings = render_source(source)
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn('code that runs in section "Two" is shown under the heading "One"',
                      warnings[0])

    def test_a_definition_under_a_later_heading_is_an_error(self):
        source = LAYOUT.replace("class A {};\n", "").replace(
            "//! ## One\n//! Prose of one.\n", "") .replace(
            "int main(", "//! ## One\nclass A {};\n//! ## Three\nclass C {};\nint main(")
        _, warnings = render_source(source)
        self.assertTrue(any('code outside main() is shown under the heading "Three"' in w
                            for w in warnings), warnings)

    def test_testing_for_a_quick_run_on_the_page_is_an_error(self):
        source = LAYOUT.replace("  int b = 2;\n", "  int b = chapter.quick() ? 1 : 2;\n")
        _, warnings = render_source(source)
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn("declare the quick run in the chapter's defaults", warnings[0])

    def test_a_result_inside_an_expression_is_an_error(self):
        source = LAYOUT.replace("  int b = 2;\n", '  if (b) chapter.result("b", 2.0);\n')
        _, warnings = render_source(source)
        self.assertEqual(len(warnings), 1, warnings)
        self.assertIn("make chapter.result(...) a statement", warnings[0])


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


class RunNoteTest(unittest.TestCase):
    def test_cpu_profile_is_spelled_out_under_the_title(self):
        run = {"chapter": "alexnet", "profile": "cpu",
               "flags": {"device": "cpu", "seed": 0, "resize": 112, "num_train": 8000,
                         "epochs": 3, "batch_size": 32}}
        page = literate._with_run_note("# AlexNet\n\nText.\n", run, "alexnet_files")
        lines = page.split("\n")
        self.assertEqual(lines[0], "# AlexNet")
        self.assertEqual(lines[2], "```{admonition} Run it")
        self.assertIn("`build/chapters/alexnet` runs this page's program", page)
        self.assertIn("{download}`alexnet.cpp <alexnet_files/alexnet.cpp>`", page)
        self.assertIn("{download}`results.json <alexnet_files/results.json>`", page)
        self.assertIn("profile `cpu`", page)
        self.assertIn("112x112 images, 8000 training examples, 3 epochs, batch 32", page)
        self.assertIn("--profile book", page)
        self.assertLess(page.index("--profile book"), page.index("Text."))

    def test_book_profile_gets_no_cpu_note(self):
        run = {"chapter": "lenet", "profile": "book", "flags": {"device": "cpu"}}
        page = literate._with_run_note("# LeNet\n", run)
        self.assertIn("profile `book`", page)
        self.assertNotIn("CPU profile", page)


CHAPTERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                        "chapters")


def chapter_sources():
    for part in sorted(os.listdir(CHAPTERS)):
        folder = os.path.join(CHAPTERS, part)
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".cpp"):
                    yield f"{part}/{name}", os.path.join(folder, name)


class CheckedExercises(unittest.TestCase):
    def test_the_exercises_list_gets_the_files_and_commands(self):
        page, _, _ = render(run(("", "hello\n", []), ("One", "1\n", [])))
        page = literate.with_checked_exercises(
            page, [(1, "try it checked", "try_it")], "x", "chapters/02_part/x.cpp")
        note = page[page.index("## Exercises"):]
        self.assertIn("1. Try it.", note)
        self.assertIn("- Exercise 1, try it checked: edit "
                      "`exercises/02_part/x/try_it.cpp`, then "
                      "`bash scripts/exercise.sh try_it`.", note)
        self.assertIn("`bash scripts/exercise.sh x` runs all", note)

    def test_every_checked_exercise_names_its_number_and_its_section_exists(self):
        root = os.path.dirname(CHAPTERS)
        count = 0
        for part, folder in literate._parts(root):
            sections = {f[:-4] for f in os.listdir(folder) if f.endswith(".cpp")}
            ex_part = os.path.join(root, "exercises", part)
            if not os.path.isdir(ex_part):
                continue
            for section in os.listdir(ex_part):
                with self.subTest(section=f"{part}/{section}"):
                    self.assertIn(section, sections, "no chapter of that name")
                    with mock.patch.object(literate, "logger") as logger:
                        found = literate.checked_exercises(root, part, section)
                        logger.warning.assert_not_called()
                    count += len(found)
        self.assertGreater(count, 0)


class TheBooksPages(unittest.TestCase):
    """Every chapter's page, rendered with a stand-in run in which each section
    printed its own title: each section's code is under its own heading, before
    its output, and no test plumbing is shown."""

    def render(self, path):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        titles = [""] + [literate._unescape(t)
                         for t in literate.SECTION_CALL.findall(source)]
        sections = run(*[(t, f"printed by {t or 'the preamble'}\n", []) for t in titles])
        warnings = []
        with mock.patch.object(literate, "logger") as logger:
            logger.warning.side_effect = lambda fmt, *args: warnings.append(fmt % args)
            page, _ = literate.render_page(source, sections, path, "f",
                                           os.path.dirname(CHAPTERS))
        return page, titles, warnings

    def test_every_page_has_its_code_under_its_headings_and_no_plumbing(self):
        sources = list(chapter_sources())
        self.assertGreater(len(sources), 20)
        for rel, path in sources:
            with self.subTest(page=rel):
                page, titles, warnings = self.render(path)
                self.assertEqual(warnings, [])
                for title in titles[1:]:
                    # The heading, then code, then the section's output.
                    head = re.search(rf"^## {re.escape(title)}$", page, re.M).start()
                    out = page.index(f"```text\nprinted by {title}\n")
                    self.assertIn("```cpp", page[head:out], f"{title}: output before code")
                    # Only the preamble's output may come between (the first section's
                    # heading may show definitions and main's opening).
                    self.assertNotRegex(page[head:out], r"```text\nprinted by (?!the pre)")
                code = "\n".join(re.findall(r"```cpp\n(.*?)```", page, re.S))
                self.assertNotRegex(code, r"chapter\.(result|quick|section)\b")


if __name__ == "__main__":
    unittest.main()
