//! `cargo xtask new <topic> <exercise>`: scaffold an exercise, so that `check` lists
//! exactly what is left to write.
//!
//! It creates the stub, the solution (a copy of the stub, to be filled in), a check
//! file with one failing example check, the `[[test]]` entries in both workspaces,
//! the `course.yaml` entry with placeholder goal and hints, and the notes heading.
//! A topic that does not exist yet gets its two crates, its notes file and its place
//! in `course.yaml` and in the solutions workspace. Every placeholder contains
//! `TODO`, which `check` reports until it is replaced.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::commands::lock;
use crate::course::{self, Course};
use crate::ui::{self, Paint};
use crate::wrong;

/// The mark that `check` looks for in goals, hints and notes.
pub const PLACEHOLDER: &str = "TODO";

#[derive(clap::Args)]
pub struct Args {
    /// The topic, in kebab-case: an existing one or a new one.
    pub topic: String,
    /// The exercise, in snake_case; names are unique across the course.
    pub exercise: String,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let (topic, exercise) = (args.topic.as_str(), args.exercise.as_str());
    if !course::is_identifier(topic, '-') {
        bail!("`{topic}` is not a topic name: use lower-case letters, digits and `-`");
    }
    if topic == course::SHARED_SUPPORT {
        bail!("`{topic}` is taken: checks/{topic}/ holds the helpers all topics share");
    }
    if !course::is_identifier(exercise, '_') {
        bail!("`{exercise}` is not an exercise name: use lower-case letters, digits and `_`");
    }
    if let Some(existing) = course.exercises().find(|e| e.name() == exercise) {
        bail!(
            "{}: there is already an exercise `{exercise}`, in topic `{}`; names are unique \
             across the course",
            course.place_of(exercise),
            existing.topic.name
        );
    }
    let root = &course.root;
    let crate_name = topic.replace('-', "_");
    let title = title_of(exercise);
    let topic_title = title_of(topic);
    let new_topic = course.topics.iter().all(|t| t.name != topic);
    let manifest = extended_manifest(root, topic, new_topic, exercise, &title)?;

    let mut created: Vec<PathBuf> = Vec::new();
    if new_topic {
        for side in ["exercises", "solutions"] {
            let dir = Path::new(side).join(topic);
            let lints = if side == "exercises" { STUB_LINTS } else { "" };
            let manifest = CRATE_MANIFEST
                .replace("{topic}", topic)
                .replace("{title}", &topic_title)
                .replace("{lints}", lints);
            create(root, &dir.join("Cargo.toml"), &manifest, &mut created)?;
            let lib = LIB
                .replace("{title}", &topic_title)
                .replace("{topic}", topic);
            create(root, &dir.join("src/lib.rs"), &lib, &mut created)?;
        }
        let notes = format!("# {topic_title}\n\n{PLACEHOLDER}: what this topic is about.\n");
        create(root, &course::notes_path_of(topic), &notes, &mut created)?;
        add_solutions_member(root, topic)?;
    }

    let stub = STUB
        .replace("{exercise}", exercise)
        .replace("{title}", &title)
        .replace("{topic}", topic);
    for side in ["exercises", "solutions"] {
        let path = Path::new(side)
            .join(topic)
            .join("src")
            .join(format!("{exercise}.rs"));
        create(root, &path, &stub, &mut created)?;
        add_module(
            root,
            &Path::new(side).join(topic).join("src/lib.rs"),
            exercise,
        )?;
        let test = format!(
            "\n[[test]]\nname = \"{exercise}\"\npath = \"../../checks/{topic}/{exercise}.rs\"\n"
        );
        append(root, &Path::new(side).join(topic).join("Cargo.toml"), &test)?;
    }
    let check = CHECK
        .replace("{exercise}", exercise)
        .replace("{crate}", &crate_name)
        .replace("{topic}", topic);
    create(
        root,
        &Path::new("checks")
            .join(topic)
            .join(format!("{exercise}.rs")),
        &check,
        &mut created,
    )?;
    create(
        root,
        &wrong::dir_of(topic, exercise).join(format!("{}.diff", wrong::PLACEHOLDER_NAME)),
        &wrong::placeholder(exercise),
        &mut created,
    )?;
    append(
        root,
        &course::notes_path_of(topic),
        &format!("\n## {title}\n\n{PLACEHOLDER}: teach `{exercise}` here.\n"),
    )?;
    std::fs::write(root.join(course::MANIFEST), manifest).context("could not write course.yaml")?;

    // Reload the course as it now is, and record the new files as shipped.
    let course = Course::load(root)?;
    lock::write(&course)?;

    println!("{} Added `{exercise}` to topic `{topic}`.", ui::pass_mark());
    for path in &created {
        println!("  created  {}", path.display());
    }
    println!("  updated  course.yaml, course.lock, both Cargo.toml files, both lib.rs, the notes");
    println!(
        "\n{}\n  1. the goal, hints and notes marked {PLACEHOLDER} in course.yaml and {}\n  \
         2. the stub and its checks, then the solution in solutions/{topic}/src/{exercise}.rs\n  \
         3. at least {at_least} wrong answers in {wrong}/, each a mistake the checks must reject\n  \
         4. `cargo xtask lock` after editing the stub or the checks\n\n\
         `cargo xtask check --exercise {exercise}` lists what is left.",
        ui::paint(Paint::Bold, "Now write:"),
        course::notes_path_of(topic).display(),
        at_least = wrong::AT_LEAST,
        wrong = wrong::dir_of(topic, exercise).display(),
    );
    Ok(ExitCode::SUCCESS)
}

/// `consistent_hashing` → `Consistent hashing`.
fn title_of(name: &str) -> String {
    let words = name.replace(['_', '-'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Writes a new file, refusing to replace one that exists.
fn create(root: &Path, path: &Path, text: &str, created: &mut Vec<PathBuf>) -> Result<()> {
    let full = root.join(path);
    if full.exists() {
        bail!(
            "{} already exists; `new` never overwrites a file. Remove it, or add the \
             exercise by hand",
            path.display()
        );
    }
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("could not create {}", parent.display()))?;
    }
    std::fs::write(&full, text).with_context(|| format!("could not write {}", path.display()))?;
    created.push(path.to_path_buf());
    Ok(())
}

fn append(root: &Path, path: &Path, text: &str) -> Result<()> {
    let full = root.join(path);
    let mut current = std::fs::read_to_string(&full)
        .with_context(|| format!("could not read {}", path.display()))?;
    if !current.is_empty() && !current.ends_with('\n') {
        current.push('\n');
    }
    current.push_str(text);
    std::fs::write(&full, current).with_context(|| format!("could not write {}", path.display()))
}

/// Declares `pub mod <exercise>;` in a `lib.rs`, in name order among the others, as
/// rustfmt would put it.
fn add_module(root: &Path, path: &Path, exercise: &str) -> Result<()> {
    let full = root.join(path);
    let text = std::fs::read_to_string(&full)
        .with_context(|| format!("could not read {}", path.display()))?;
    let declaration = format!("pub mod {exercise};");
    let mut lines: Vec<&str> = text.lines().collect();
    let modules: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("pub mod "))
        .collect();
    let at = match modules.iter().find(|&&i| lines[i] > declaration.as_str()) {
        Some(&i) => i,
        None => modules.last().map_or(lines.len(), |&i| i + 1),
    };
    lines.insert(at, &declaration);
    std::fs::write(&full, lines.join("\n") + "\n")
        .with_context(|| format!("could not write {}", path.display()))
}

/// Adds the topic to `members = [...]` in `solutions/Cargo.toml`.
fn add_solutions_member(root: &Path, topic: &str) -> Result<()> {
    let path = root.join("solutions/Cargo.toml");
    let text = std::fs::read_to_string(&path).context("could not read solutions/Cargo.toml")?;
    let Some(start) = text.find("members = [") else {
        bail!("solutions/Cargo.toml has no `members = [...]` line; add \"{topic}\" to it by hand");
    };
    let end = start
        + text[start..]
            .find(']')
            .context("an unclosed members list")?;
    let updated = format!("{}, \"{topic}\"{}", &text[..end], &text[end..]);
    std::fs::write(&path, updated).context("could not write solutions/Cargo.toml")
}

/// `course.yaml` with the exercise added as the last of its topic, every other line
/// (and comment) kept as it was; a new topic goes after the last one. The result is
/// parsed before it is returned, so a manifest `new` cannot extend is left untouched.
fn extended_manifest(
    root: &Path,
    topic: &str,
    new_topic: bool,
    exercise: &str,
    title: &str,
) -> Result<String> {
    let path = root.join(course::MANIFEST);
    let text = std::fs::read_to_string(&path).context("could not read course.yaml")?;
    let lines: Vec<&str> = text.lines().collect();
    let entry = EXERCISE_ENTRY
        .replace("{exercise}", exercise)
        .replace("{title}", title);
    let topic_start = lines
        .iter()
        .position(|line| line.trim() == format!("- name: {topic}"));
    // A topic's block ends at the next topic (`  - name:` at its indent) or a top-level key.
    let block_end = |from: usize, indent: usize| {
        (from + 1..lines.len())
            .find(|&i| {
                let line = lines[i];
                let line_indent = line.len() - line.trim_start().len();
                !line.trim().is_empty()
                    && !line.trim_start().starts_with('#')
                    && (line_indent < indent
                        || (line_indent == indent
                            && (indent == 0 || line.trim_start().starts_with("- "))))
            })
            .unwrap_or(lines.len())
    };
    let (insert_at, text_to_insert) = match (new_topic, topic_start) {
        (false, Some(start)) => {
            let indent = lines[start].len() - lines[start].trim_start().len();
            (block_end(start, indent), entry)
        }
        (false, None) => {
            bail!("course.yaml has no `- name: {topic}` line to add the exercise under")
        }
        (true, _) => {
            let Some(topics) = lines.iter().position(|line| line.starts_with("topics:")) else {
                bail!("course.yaml has no `topics:` key");
            };
            let block = TOPIC_ENTRY
                .replace("{topic}", topic)
                .replace("{title}", &title_of(topic))
                + &entry;
            (block_end(topics, 0), block)
        }
    };
    // Step back over blank lines, so the new entry sits right after the last one.
    let mut insert_at = insert_at;
    while insert_at > 0 && lines[insert_at - 1].trim().is_empty() {
        insert_at -= 1;
    }
    let mut updated: Vec<String> = lines[..insert_at].iter().map(|l| l.to_string()).collect();
    updated.extend(text_to_insert.lines().map(str::to_string));
    updated.extend(lines[insert_at..].iter().map(|l| l.to_string()));
    let updated = updated.join("\n") + "\n";
    Course::parse(root, updated.clone()).context(
        "course.yaml would not parse with the new entry; add the exercise to it by hand",
    )?;
    Ok(updated)
}

const EXERCISE_ENTRY: &str = "      - name: {exercise}
        goal: TODO say in one sentence what the learner builds.
        notes: {title}
        minutes: 30
        hints:
          - TODO a nudge in the right direction.
          - TODO nearly the answer.
";

const TOPIC_ENTRY: &str = "
  - name: {topic}
    title: {title}
    exercises:
";

const CRATE_MANIFEST: &str = "[package]
name = \"{topic}\"
version = \"0.1.0\"
description = \"{title}.\"
edition.workspace = true
rust-version.workspace = true
publish.workspace = true
{lints}
[dev-dependencies]
insta.workspace = true
proptest.workspace = true
rstest.workspace = true

# One test target per exercise, named after it: `cargo test -p {topic} --test <exercise>`.
";

const STUB_LINTS: &str = "
# A stub's parameters, imports and `mut` bindings are unused until the learner fills
# in its body.
[lints.rust]
unused_imports = \"allow\"
unused_variables = \"allow\"
unused_mut = \"allow\"
dead_code = \"allow\"
";

const LIB: &str = "//! {title}. The concepts are in `notes/{topic}.md`.

";

const STUB: &str = "//! Exercise: {title}.
//!
//! TODO: the task in the learner's terms. Read \"{title}\" in `notes/{topic}.md`.

/// TODO: what this returns.
pub fn answer() -> u32 {
    todo!(\"TODO: a nudge\")
}
";

const CHECK: &str = "//! Checks for `exercises/{topic}/src/{exercise}.rs`.

use {crate}::{exercise}::answer;

#[test]
fn an_example_check_to_replace() {
    assert_eq!(answer(), 42, \"TODO: say what went wrong\");
}
";
