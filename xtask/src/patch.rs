//! Unified diffs, as `git diff` writes them: read one, and apply it to a file's text.
//!
//! The course keeps its wrong answers as diffs against the reference solutions. They
//! must apply exactly or be reported stale, so there is no fuzz: every context and
//! removed line must match. A hunk may have moved (lines added above it since the diff
//! was written); it is then found at the nearest place where it matches.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

/// A diff with the text that stands before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    /// Everything before the first file header: for a wrong answer, the sentence that
    /// names the mistake.
    pub preamble: String,
    pub files: Vec<FilePatch>,
}

/// The changes to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePatch {
    /// The file the diff changes, relative to where it was made (`b/` stripped).
    pub path: PathBuf,
    pub hunks: Vec<Hunk>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// The first line it changes in the original, from 1 (0 for an empty file).
    pub old_start: usize,
    /// The line of the diff the hunk header stands on, from 1.
    pub line: usize,
    /// The original's lines (context and removed), in order.
    pub old: Vec<String>,
    /// The result's lines (context and added), in order.
    pub new: Vec<String>,
}

impl Patch {
    pub fn parse(text: &str) -> Result<Patch> {
        let lines: Vec<&str> = text.lines().collect();
        let first_header = lines
            .iter()
            .position(|line| line.starts_with("diff --git ") || line.starts_with("--- "))
            .unwrap_or(lines.len());
        let preamble = lines[..first_header].join("\n").trim().to_string();
        let mut files: Vec<FilePatch> = Vec::new();
        let mut at = first_header;
        while at < lines.len() {
            let line = lines[at];
            let number = at + 1;
            if let Some(target) = line.strip_prefix("+++ ") {
                let target = target.split('\t').next().unwrap_or(target).trim();
                if target == "/dev/null" {
                    bail!(
                        "line {number}: the diff deletes a file; a wrong answer only changes one"
                    );
                }
                let path = target.strip_prefix("b/").unwrap_or(target);
                files.push(FilePatch {
                    path: PathBuf::from(path),
                    hunks: Vec::new(),
                });
                at += 1;
            } else if line.starts_with("@@") {
                let file = files
                    .last_mut()
                    .with_context(|| format!("line {number}: a hunk before any `+++` header"))?;
                let (hunk, next) = parse_hunk(&lines, at)?;
                file.hunks.push(hunk);
                at = next;
            } else {
                // `diff --git`, `index`, `---` and mode lines say nothing we need.
                at += 1;
            }
        }
        if files.iter().all(|file| file.hunks.is_empty()) {
            bail!("it holds no diff: no `@@` hunk under a `---`/`+++` header");
        }
        Ok(Patch { preamble, files })
    }
}

/// Reads the hunk whose header is at `lines[at]`; returns it and where the next begins.
fn parse_hunk(lines: &[&str], at: usize) -> Result<(Hunk, usize)> {
    let header = lines[at];
    let number = at + 1;
    let bad = || format!("line {number}: `{header}` is not a hunk header (`@@ -a,b +c,d @@`)");
    let ranges = header
        .strip_prefix("@@ ")
        .and_then(|rest| rest.split(" @@").next())
        .with_context(bad)?;
    let mut parts = ranges.split(' ');
    let (old_start, mut old_left) = parts
        .next()
        .and_then(|old| old.strip_prefix('-'))
        .and_then(range)
        .with_context(bad)?;
    let (_, mut new_left) = parts
        .next()
        .and_then(|new| new.strip_prefix('+'))
        .and_then(range)
        .with_context(bad)?;
    let mut hunk = Hunk {
        old_start,
        line: number,
        old: Vec::new(),
        new: Vec::new(),
    };
    let mut next = at + 1;
    while old_left > 0 || new_left > 0 {
        let Some(&line) = lines.get(next) else {
            bail!(
                "line {number}: the hunk ends early; it promises {old_left} more original \
                 and {new_left} more new lines"
            );
        };
        // An editor that trims trailing spaces turns a blank context line into "".
        let (kind, body) = if line.is_empty() {
            (' ', "")
        } else {
            (line.as_bytes()[0] as char, &line[1..])
        };
        match kind {
            ' ' if old_left > 0 && new_left > 0 => {
                hunk.old.push(body.to_string());
                hunk.new.push(body.to_string());
                old_left -= 1;
                new_left -= 1;
            }
            '-' if old_left > 0 => {
                hunk.old.push(body.to_string());
                old_left -= 1;
            }
            '+' if new_left > 0 => {
                hunk.new.push(body.to_string());
                new_left -= 1;
            }
            '\\' => {}
            _ => bail!(
                "line {}: `{line}` does not fit the hunk at line {number} (its counts are off)",
                next + 1
            ),
        }
        next += 1;
    }
    // "\ No newline at end of file" may follow the last line.
    while lines.get(next).is_some_and(|line| line.starts_with('\\')) {
        next += 1;
    }
    Ok((hunk, next))
}

/// `12,3` → (12, 3); `12` → (12, 1).
fn range(text: &str) -> Option<(usize, usize)> {
    match text.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((text.parse().ok()?, 1)),
    }
}

impl FilePatch {
    /// The file's text with every hunk applied, or which hunk no longer fits.
    pub fn apply(&self, original: &str) -> Result<String> {
        let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
        // How far the hunks so far have moved the lines below them, and where the
        // last one ended: the next is looked for below it.
        let mut shift: isize = 0;
        let mut floor = 0;
        for hunk in &self.hunks {
            let expected = (hunk.old_start.saturating_sub(1) as isize + shift).max(0) as usize;
            let at = find_nearest(&lines, &hunk.old, expected, floor).with_context(|| {
                format!(
                    "the hunk at line {} of the diff (line {} of the file) no longer matches \
                     the file",
                    hunk.line, hunk.old_start
                )
            })?;
            lines.splice(at..at + hunk.old.len(), hunk.new.iter().cloned());
            shift +=
                at as isize - expected as isize + hunk.new.len() as isize - hunk.old.len() as isize;
            floor = at + hunk.new.len();
        }
        let mut text = lines.join("\n");
        if original.ends_with('\n') || original.is_empty() {
            text.push('\n');
        }
        Ok(text)
    }
}

/// The index nearest `expected`, and not before `floor`, at which `lines` holds
/// `wanted` in full.
fn find_nearest(
    lines: &[String],
    wanted: &[String],
    expected: usize,
    floor: usize,
) -> Option<usize> {
    let fits = |at: usize| {
        at >= floor && at + wanted.len() <= lines.len() && lines[at..at + wanted.len()] == *wanted
    };
    (0..=lines.len()).find_map(|distance| {
        let below = expected + distance;
        let above = expected.checked_sub(distance);
        if fits(below) {
            Some(below)
        } else {
            above.filter(|&at| fits(at))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "fn a() {}\nfn b() {\n    1\n}\nfn c() {}\n";

    const DIFF: &str = "Returns two where one is meant.\n\n\
        diff --git a/solutions/t/src/x.rs b/solutions/t/src/x.rs\n\
        index 1..2 100644\n\
        --- a/solutions/t/src/x.rs\n\
        +++ b/solutions/t/src/x.rs\n\
        @@ -2,3 +2,3 @@\n \
        fn b() {\n\
        -    1\n\
        +    2\n \
        }\n";

    #[test]
    fn reads_the_sentence_the_file_and_the_hunk() {
        let patch = Patch::parse(DIFF).unwrap();
        assert_eq!(patch.preamble, "Returns two where one is meant.");
        assert_eq!(patch.files.len(), 1);
        assert_eq!(patch.files[0].path, PathBuf::from("solutions/t/src/x.rs"));
        let hunk = &patch.files[0].hunks[0];
        assert_eq!(hunk.old, ["fn b() {", "    1", "}"]);
        assert_eq!(hunk.new, ["fn b() {", "    2", "}"]);
        assert_eq!(hunk.line, 7);
    }

    #[test]
    fn applies_where_the_hunk_says() {
        let patch = Patch::parse(DIFF).unwrap();
        assert_eq!(
            patch.files[0].apply(ORIGINAL).unwrap(),
            "fn a() {}\nfn b() {\n    2\n}\nfn c() {}\n"
        );
    }

    #[test]
    fn finds_a_hunk_that_moved() {
        let patch = Patch::parse(DIFF).unwrap();
        let moved = format!("// a new first line\n\n{ORIGINAL}");
        assert_eq!(
            patch.files[0].apply(&moved).unwrap(),
            "// a new first line\n\nfn a() {}\nfn b() {\n    2\n}\nfn c() {}\n"
        );
    }

    #[test]
    fn applies_several_hunks_that_change_the_line_count() {
        let original: String = (1..=20).map(|n| format!("line {n}\n")).collect();
        let diff = "Two changes.\n--- a/f\n+++ b/f\n\
            @@ -2,2 +2,3 @@\n line 2\n+inserted\n line 3\n\
            @@ -10,3 +11,2 @@\n line 10\n-line 11\n line 12\n";
        let patched = Patch::parse(diff).unwrap().files[0]
            .apply(&original)
            .unwrap();
        let lines: Vec<&str> = patched.lines().collect();
        assert_eq!(lines[2], "inserted");
        assert!(!lines.contains(&"line 11"));
        assert_eq!(lines.len(), 20);
    }

    #[test]
    fn refuses_a_hunk_that_no_longer_matches() {
        let patch = Patch::parse(DIFF).unwrap();
        let error = patch.files[0]
            .apply("fn a() {}\nfn b() {\n    3\n}\n")
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the hunk at line 7 of the diff (line 2 of the file) no longer matches the file"
        );
    }

    #[test]
    fn refuses_text_without_a_diff() {
        let error = Patch::parse("Only a sentence.\n").unwrap_err();
        assert!(error.to_string().contains("no diff"), "{error}");
    }

    #[test]
    fn refuses_a_hunk_whose_counts_are_off() {
        let diff = "Off.\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n";
        let error = Patch::parse(diff).unwrap_err();
        assert!(error.to_string().contains("ends early"), "{error}");
    }
}
