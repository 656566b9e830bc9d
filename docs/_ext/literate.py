"""Turns the chapters' C++ sources into the book's pages.

On `builder-inited` this extension fills Sphinx's source folder (a staging folder
in the build tree; only generated files live there) with:

- docs/index.md and docs/api.md, copied;
- for each part folder chapters/<part>/: its index.md (the part's intro, with a
  toctree of its sections), copied;
- for each chapters/<part>/<name>.cpp: the page <part>/<name>.md, made from the
  literate source and the run's <runs>/<name>/sections.json, and the run's
  figures, copied next to the page into <part>/<name>_files/.

The literate format: a line whose first non-blank characters are `//!` is prose
(Markdown; `//!` and one following space are removed), every other line is code.
`//! ## Title` starts a section; the code says `chapter.section("Title");` with the
same title. What the section printed goes in a text block right after the last
code block of the section, followed by its tables and figures; what was printed
before the first section goes after the code block that constructs the `Chapter`. The
statements `chapter.section(...);` and `chapter.result(...);` (a statement that
starts a line; it may span lines) are hidden: they are the page's and the tests'
plumbing, not the story. Each code block is dedented.

The layout is checked, each problem a warning (so the -W book build fails):
- code that runs in section T (after `chapter.section("T")`) is shown under
  the heading `## T`, and code before `int main` or before the first
  `chapter.section` is shown above the first heading or under the heading of
  that first section (a definition it introduces, then main); together these say
  that every section's code is under its own heading and before its output;
- no `chapter.result` or `chapter.quick()` is left on the page (a quick run is
  declared in the chapter's defaults, `.quick = {...}`, not written as code).

A prose line `//! @source lib/src/utils/linreg.cpp linreg sgd` shows library
source on the page: for each name, the lines between the two marker comments
`// [name]` in that file (a path from the repository root), dedented, in one C++
block captioned with the file's path. Marker lines inside are left out. A missing
file or marker is a warning, so the book build (-W) fails rather than drift.

On `build-finished` it copies Debian's MathJax 2.7 into _static/mathjax so that
math renders offline, and refreshes the book's own static files (docs/_static).
"""

import json
import os
import re
import shutil
import textwrap

from sphinx.util import logging

logger = logging.getLogger(__name__)

MATHJAX_DIR = "/usr/share/javascript/mathjax"
PROSE = re.compile(r"^\s*//!(?: ?)(.*)$")
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
SECTION_CALL = re.compile(r'\bchapter\.section\(\s*"((?:[^"\\]|\\.)*)"\s*\)')
HIDDEN_START = re.compile(r"^\s*chapter\.(?:section|result)\(")
PLUMBING = re.compile(r"\bchapter\.(?:result\(|quick\(\))")
MAIN = re.compile(r"^\s*int\s+main\s*\(")
CHAPTER_MADE = re.compile(r"\bChapter\s*\(\s*argc")
TRIVIAL = re.compile(r"^\s*(?:[{}()\s;]*|//.*)$")  # blank, braces, a comment
CLOSING_ONLY = re.compile(r"^[\s}]*$")
SOURCE_DIRECTIVE = re.compile(r"^\s*@source(?:\s+(.*?))?\s*$")
MARKER = re.compile(r"^\s*//\s*\[([\w.:-]+)\]\s*$")


def _unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def _write_if_changed(path, text):
    """Writes only when the content differs, so Sphinx rebuilds only what changed."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _copy_if_changed(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if os.path.exists(dst):
        with open(src, "rb") as a, open(dst, "rb") as b:
            if a.read() == b.read():
                return
    shutil.copyfile(src, dst)


def _fence_for(text):
    """A code fence longer than any backtick run inside text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _fence(text, lang):
    """A fenced block whose fence is longer than any backtick run inside it."""
    fence = _fence_for(text)
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}\n"


def split_blocks(source):
    """Splits a literate source into [(kind, lines)] with kind 'prose' or 'code'."""
    blocks = []
    for line in source.splitlines():
        m = PROSE.match(line)
        kind, text = ("prose", m.group(1)) if m else ("code", line)
        if blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(text)
        else:
            blocks.append((kind, [text]))
    return blocks


def _code_only(line):
    """line without its string and character literals and its // comment."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', line)
    return line.split("//", 1)[0]


def hidden_lines(lines):
    """The indices of the lines of the hidden statements (`chapter.section(...);`,
    `chapter.result(...);`): from a line that starts one to the line where its
    parentheses close and a `;` ends it."""
    hidden, depth, inside = set(), 0, False
    for i, line in enumerate(lines):
        if not inside and not HIDDEN_START.match(line):
            continue
        inside = True
        hidden.add(i)
        code = _code_only(line)
        depth += code.count("(") - code.count(")")
        if depth <= 0 and code.rstrip().endswith(";"):
            inside, depth = False, 0
    return hidden


def clean_code(lines):
    """Hides the plumbing statements, trims blank lines, dedents; "" if none is left."""
    hidden = hidden_lines(lines)
    kept = [line for i, line in enumerate(lines) if i not in hidden]
    text = textwrap.dedent("\n".join(kept)).strip("\n")
    # A block of closing braces only (the end of main) tells a reader nothing.
    if CLOSING_ONLY.match(text):
        return ""
    return text


def extract_snippet(text, name):
    """The lines between the two `// [name]` marker lines of text, dedented,
    without nested marker lines; None when the pair of markers is not there."""
    lines = text.splitlines()
    spots = [i for i, line in enumerate(lines)
             if (m := MARKER.match(line)) and m.group(1) == name]
    if len(spots) != 2:
        return None
    inner = [line for line in lines[spots[0] + 1:spots[1]] if not MARKER.match(line)]
    return textwrap.dedent("\n".join(inner)).strip("\n")


def source_listing(args, root, where):
    """The Markdown of an `@source FILE NAME...` directive, or '' after a warning."""
    words = (args or "").split()
    if len(words) < 2:
        logger.warning("%s: `@source` needs a file and at least one marker name "
                       "(`//! @source lib/src/utils/linreg.cpp linreg`)", where)
        return ""
    rel, names = words[0], words[1:]
    root = os.path.abspath(root or ".")
    path = os.path.normpath(os.path.join(root, rel))
    outside = os.path.isabs(rel) or os.path.relpath(path, root).startswith("..")
    if outside or not os.path.isfile(path):
        logger.warning("%s: `@source %s`: no such file in the repository", where, rel)
        return ""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    snippets = []
    for name in names:
        snippet = extract_snippet(text, name)
        if snippet is None:
            logger.warning("%s: `@source %s %s`: %s needs two marker lines "
                           "`// [%s]` around the code to show", where, rel, name,
                           rel, name)
        elif snippet.strip():
            snippets.append(snippet)
    if not snippets:
        return ""
    body = "\n\n".join(snippets)
    fence = _fence_for(body)
    return f"{fence}{{code-block}} cpp\n:caption: {rel}\n\n{body}\n{fence}\n"


def _table(table):
    """A `list-table` directive for a table that a section registered."""
    def cell(text):
        text = str(text).replace("\n", " ").strip()
        return f" {text}" if text else ""
    lines = [f"```{{list-table}} {table.get('caption', '')}".rstrip(),
             ":header-rows: 1", ":class: d2l-table", ""]
    for row in [table["header"]] + table["rows"]:
        for j, text in enumerate(row):
            lines.append(("* -" if j == 0 else "  -") + cell(text))
    return "\n".join(lines) + "\n```\n"


def _first_line(text, pattern):
    """The first line of text that matches pattern outside literals and comments."""
    return next((t.strip() for t in text.splitlines()
                 if pattern.search(_code_only(t))), "")[:70]


def _misplaced(line, region, running, in_main):
    """(region, why, before any section) when a code line is under the wrong
    heading, else None.

    region: the heading above the line (None above the first one); running: the
    title of the last chapter.section() before it (None before the first);
    in_main: whether `int main` came before it. Code before the first section
    is only right above the first heading or under the first section's heading,
    which the caller checks once it knows that section.
    """
    shown = line.strip()[:70]
    if running is not None and region != running:
        where = f'the heading "{region}"' if region else "no heading"
        return region, (f'code that runs in section "{running}" is shown under {where}: '
                        f"move it below `//! ## {running}` (`{shown}`)"), False
    if running is None and region is not None:
        what = "code of main() before its first chapter.section()" if in_main else \
            "code outside main()"
        return region, (f'{what} is shown under the heading "{region}", which is not '
                        f"the first section: move it above the first heading, or into "
                        f"main() after the chapter.section() of the section that shows "
                        f"it (`{shown}`)"), True
    return None


def render_page(source, sections, where, figure_dir, root=None):
    """The Markdown page of one chapter.

    sections: the list from sections.json (or None when the run is missing);
    where: the source's path, for warnings; figure_dir: the folder (relative to
    the page) the figures are copied into; root: the repository, which
    `@source` paths start from. Returns (markdown, figure files).
    """
    by_title = {}
    for entry in sections or []:
        if entry["title"] in by_title:
            logger.warning("%s: the run has two sections titled %r", where,
                           entry["title"])
        by_title[entry["title"]] = entry

    # The page as a list of pieces: ('prose', text) or ('code', text, region),
    # where region is the title of the `## ` heading above it (None before any).
    pieces, headings, calls = [], [], []
    region = None
    running, in_main, chapter_piece = None, False, None  # see _misplaced
    early = []  # (region, why) of code shown under a heading before any section
    for kind, lines in split_blocks(source):
        if kind == "prose":
            chunk = []
            for line in lines:
                m = HEADING.match(line)
                d = SOURCE_DIRECTIVE.match(line)
                if m or d:
                    if chunk:
                        pieces.append(("prose", "\n".join(chunk)))
                        chunk = []
                if m:
                    region = m.group(1)
                    headings.append(region)
                    pieces.append(("heading", line, region))
                elif d:
                    pieces.append(("listing", source_listing(d.group(1), root, where)))
                else:
                    chunk.append(line)
            if chunk:
                pieces.append(("prose", "\n".join(chunk)))
        else:
            hidden, problems = hidden_lines(lines), {}
            for i, line in enumerate(lines):
                titles = [_unescape(t) for t in SECTION_CALL.findall(line)]
                calls.extend(titles)
                running = titles[-1] if titles else running
                in_main = in_main or bool(MAIN.match(line))
                if i not in hidden and not TRIVIAL.match(line):
                    problem = _misplaced(line, region, running, in_main)
                    if problem:  # the first of each kind in this block
                        problems.setdefault(problem[2], problem)
            for region_of_code, why, before_sections in problems.values():
                if before_sections:  # judged once the first section is known
                    early.append((region_of_code, why))
                else:
                    logger.warning("%s: %s", where, why)
            text = clean_code(lines)
            plumbing = _first_line(text, PLUMBING)
            if "chapter.quick()" in plumbing:
                logger.warning("%s: test plumbing on the page (`%s`): declare the quick "
                               "run in the chapter's defaults (`.quick = {...}`), which "
                               "the Chapter applies and prints", where, plumbing)
            elif plumbing:
                logger.warning("%s: test plumbing on the page (`%s`): make "
                               "chapter.result(...) a statement that starts its line, "
                               "which the page hides", where, plumbing)
            if text.strip():
                pieces.append(("code", text, region))
                if chapter_piece is None and CHAPTER_MADE.search(text):
                    chapter_piece = len(pieces) - 1

    for region_of_code, message in early:
        if not calls or region_of_code != calls[0]:
            logger.warning("%s: %s", where, message)

    if not any(p[0] == "prose" and re.search(r"^# ", p[1], re.M) for p in pieces):
        logger.warning("%s: no page title (a first line `//! # Title`)", where)

    # Check that the source and the run agree.
    for title in calls:
        if title not in headings:
            logger.warning('%s: chapter.section("%s") has no `//! ## %s` heading',
                           where, title, title)
        if sections is not None and title not in by_title:
            logger.warning('%s: chapter.section("%s") is not in the run\'s sections.json '
                           "(run the chapter again)", where, title)
    for title in by_title:
        if title and title not in headings:
            logger.warning("%s: the run printed a section %r that has no heading",
                           where, title)

    # Where each output goes: after the last code piece of its region (or, when
    # the region has no code, at its end); the preamble after the first code piece.
    last_code, first_code = {}, None
    region_end, current = {}, None  # the last piece of each heading's region
    for i, piece in enumerate(pieces):
        if piece[0] == "heading":
            current = piece[2]
        region_end[current] = i
        if piece[0] == "code":
            last_code[piece[2]] = i
            first_code = i if first_code is None else first_code

    after = {}  # piece index -> list of section entries to show after it
    for title, entry in by_title.items():
        if title == "":  # printed while the Chapter was made, or before any section
            spot = chapter_piece if chapter_piece is not None else first_code or 0
        elif title in last_code:
            spot = last_code[title]
        elif title in region_end:
            spot = region_end[title]
        else:
            continue  # already warned about
        after.setdefault(spot, []).append(entry)

    out, figures = [], []
    for i, piece in enumerate(pieces):
        if piece[0] == "code":
            out.append(_fence(piece[1], "cpp"))
        else:
            out.append(piece[1].strip("\n") + "\n" if piece[1].strip() else "")
        for entry in after.get(i, []):
            if entry["output"].strip():
                out.append(_fence(entry["output"].rstrip("\n"), "text"))
            for table in entry.get("tables", []):
                out.append(_table(table))
            for fig in entry.get("figures", []):
                figures.append(fig["file"])
                target = f"{figure_dir}/{fig['file']}"
                caption = fig.get("caption", "")
                if caption:  # the alt text quoted: a caption may hold ": "
                    out.append(f"```{{figure}} {target}\n:alt: {json.dumps(caption)}\n\n"
                               f"{caption}\n```\n")
                else:
                    out.append(f"```{{image}} {target}\n```\n")
    page = "\n".join(p for p in out if p)
    return page, figures


def _parts(root):
    chapters = os.path.join(root, "chapters")
    for part in sorted(os.listdir(chapters)):
        folder = os.path.join(chapters, part)
        if os.path.isdir(folder) and re.match(r"^\d", part):
            yield part, folder


def stage(app):
    """Fills the staging source folder with the book's pages."""
    cfg = app.config
    root, runs, srcdir = cfg.d2l_root, cfg.d2l_runs, str(app.srcdir)
    wanted = set()

    def put(rel, text):
        wanted.add(rel)
        _write_if_changed(os.path.join(srcdir, rel), text)

    def copy(src, rel):
        wanted.add(rel)
        _copy_if_changed(src, os.path.join(srcdir, rel))

    for page in ("index.md", "api.md"):
        copy(os.path.join(root, "docs", page), page)

    for part, folder in _parts(root):
        names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".cpp"))
        intro = os.path.join(folder, "index.md")
        if os.path.exists(intro):
            copy(intro, f"{part}/index.md")
        else:  # a part without an intro yet: a plain list of its sections
            title = part.split("_", 1)[-1].replace("_", " ").capitalize()
            toc = "\n".join(names)
            put(f"{part}/index.md",
                f"# {title}\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n")
        for name in names:
            src = os.path.join(folder, f"{name}.cpp")
            where = os.path.relpath(src, root)
            run_file = os.path.join(runs, name, "sections.json")
            run = None
            if os.path.exists(run_file):
                with open(run_file, encoding="utf-8") as f:
                    run = json.load(f)
            else:
                logger.warning("%s: no run output at %s (build the `book` target, "
                               "which runs the chapters)", where, run_file)
            with open(src, encoding="utf-8") as f:
                source = f.read()
            page, figures = render_page(source, run["sections"] if run else None,
                                        where, f"{name}_files", root)
            page = with_checked_exercises(page, checked_exercises(root, part, name),
                                          name, where)
            if run:
                page = _with_run_note(page, run, f"{name}_files")
                copy(src, f"{part}/{name}_files/{name}.cpp")
                results = os.path.join(runs, name, "results.json")
                if os.path.exists(results):
                    copy(results, f"{part}/{name}_files/results.json")
                else:
                    logger.warning("%s: the run wrote no %s", where, results)
            put(f"{part}/{name}.md", page)
            for fig in figures:
                fig_src = os.path.join(runs, name, fig)
                if os.path.exists(fig_src):
                    copy(fig_src, f"{part}/{name}_files/{fig}")
                else:
                    logger.warning("%s: figure %s was registered but not written",
                                   where, fig_src)

    # Remove what an earlier build staged and this one did not.
    for dirpath, _, files in os.walk(srcdir):
        for f in files:
            rel = os.path.relpath(os.path.join(dirpath, f), srcdir)
            if rel not in wanted:
                os.remove(os.path.join(dirpath, f))


def checked_exercises(root, part, section):
    """The checked exercises of a section, from exercises/<part>/<section>/:
    (number, task, name) for each <name>.hpp whose opening comment is
    `// Exercise N: task.` (on one line or several), sorted by number; a header
    without it is a warning."""
    folder = os.path.join(root, "exercises", part, section)
    found = []
    if not os.path.isdir(folder):
        return found
    for f in sorted(os.listdir(folder)):
        if not f.endswith(".hpp"):
            continue
        # The header's opening comment, which may wrap over several lines.
        with open(os.path.join(folder, f), encoding="utf-8") as h:
            head = []
            for line in h:
                if not line.startswith("//"):
                    break
                head.append(line[2:].strip())
        m = re.match(r"^Exercise (\d+): (.+?)\.?$", " ".join(head))
        if not m:
            logger.warning("exercises/%s/%s/%s: the first line must be "
                           "'// Exercise N: what it asks.'", part, section, f)
            continue
        found.append((int(m.group(1)), m.group(2), f[:-4]))
    return sorted(found)


def with_checked_exercises(page, exercises, section, where):
    """Appends to the page's Exercises list which exercises have a check, the
    file to edit and the command that checks it."""
    if not exercises:
        return page
    lines = page.split("\n")
    start = next((i for i, l in enumerate(lines) if l.strip() == "## Exercises"), None)
    if start is None:
        logger.warning("%s: has checked exercises but no '## Exercises' heading", where)
        return page
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    folder = os.path.dirname(where).replace("chapters/", "exercises/", 1)
    items = [f"- Exercise {n}, {task}: edit `{folder}/{section}/{name}.cpp`, then "
             f"`bash scripts/exercise.sh {name}`." for n, task, name in exercises]
    note = ["```{admonition} Checked exercises", ":class: checked-exercises", "",
            "These exercises come with a starter file and a check that says what it "
            "expected and what your answer gave:", "", *items, "",
            f"`bash scripts/exercise.sh {section}` runs all of this section's checks.",
            "```", ""]
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[:end] + [""] + note + lines[end:])


def _with_run_note(page, run, files_dir=None):
    """Adds, under the page title, how to run the page's program, links to its
    source and to the values it recorded (copied into files_dir, when given), and
    which run produced the outputs shown."""
    flags = run.get("flags", {})
    profile = run.get("profile", "?")
    name = run["chapter"]
    text = f"`build/chapters/{name}` runs this page's program (`--help` lists its flags)."
    if files_dir:
        text += (f" Its source: {{download}}`{name}.cpp <{files_dir}/{name}.cpp>`; the "
                 f"values it recorded: {{download}}`results.json "
                 f"<{files_dir}/results.json>`.")
    text += (f" The outputs on this page come from a run with profile `{profile}`, "
             f"device `{flags.get('device', 'cpu')}`, seed {flags.get('seed', 0)}.")
    if profile == "cpu":
        side = flags.get("resize") or 28
        train = flags.get("num_train") or "all"
        text += (f"\n\nThis is the section's CPU profile, smaller than the book's "
                 f"settings so that it trains in minutes without a GPU: "
                 f"{side}x{side} images, {train} training examples, "
                 f"{flags.get('epochs', '?')} epochs, batch {flags.get('batch_size', '?')}. "
                 f"Run it with `--profile book` (on a GPU: `--device gpu`) for the "
                 f"book's settings.")
    note = f"```{{admonition}} Run it\n:class: run-note\n\n{text}\n```\n"
    lines = page.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", note] + lines[i + 1:])
    return note + "\n" + page


def copy_static(app, exception):
    """Copies docs/_static and the parts of Debian's MathJax 2.7 the book uses
    into _static/ (Sphinx itself skips its static files when no page changed)."""
    if exception is not None or app.builder.format != "html":
        return
    for entry in app.config.html_static_path:
        shutil.copytree(os.path.join(app.confdir, entry),
                        os.path.join(app.outdir, "_static"), dirs_exist_ok=True)
    if not os.path.isdir(MATHJAX_DIR):
        logger.warning("MathJax is missing (%s): install the Debian package "
                       "libjs-mathjax", MATHJAX_DIR)
        return

    def ignore(folder, names):
        rel = os.path.relpath(folder, MATHJAX_DIR)
        skip = {"unpacked", "test"} if rel == "." else set()
        if rel == "config":  # one configuration is used (conf.py: mathjax_path)
            skip |= {n for n in names if n not in ("TeX-AMS-MML_HTMLorMML.js", "local")}
        if rel == os.path.join("jax", "output"):
            skip.add("SVG")
        if rel == os.path.join("fonts", "HTML-CSS"):
            skip.add("STIX-Web")
        return skip

    target = os.path.join(app.outdir, "_static", "mathjax")
    shutil.copytree(MATHJAX_DIR, target, ignore=ignore, dirs_exist_ok=True)


def setup(app):
    app.add_config_value("d2l_root", "", "env")
    app.add_config_value("d2l_runs", "", "env")
    app.connect("builder-inited", stage)
    app.connect("build-finished", copy_static)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
