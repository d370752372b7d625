//! `cargo xtask solution <exercise>`: the reference solution, once the exercise passes.

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::course::Course;
use crate::progress::{Progress, State};
use crate::ui::{self, Paint};

#[derive(clap::Args)]
pub struct Args {
    /// The exercise, by name (`cargo xtask list` shows them).
    pub exercise: String,
    /// Show it even though the exercise does not pass yet.
    #[arg(long)]
    pub force: bool,
    /// Show your file against the reference, line by line, instead of the whole solution.
    #[arg(long)]
    pub diff: bool,
}

pub fn run(course: &Course, args: &Args) -> Result<ExitCode> {
    let exercise = course.exercise(&args.exercise)?;
    let mut progress = Progress::load(course);
    let state = progress.current_state(&course.root, &exercise);
    if state != State::Done && !args.force {
        println!(
            "{0} does not pass yet (state: {1}), so its solution stays hidden until it \
             does.\n`cargo xtask solution {0} --force` shows it now.",
            exercise.name(),
            state.label(),
        );
        return Ok(ExitCode::FAILURE);
    }
    let path = exercise.solution_path();
    let text = std::fs::read_to_string(course.root.join(&path))
        .with_context(|| format!("could not read the reference solution {}", path.display()))?;
    // The room shows an instructor who looked before passing; the learner's own
    // laptop keeps it too.
    progress.saw_solution(&exercise, state != State::Done);
    progress.save()?;
    if args.diff {
        let stub = exercise.stub_path();
        let yours = std::fs::read_to_string(course.root.join(&stub))
            .with_context(|| format!("could not read your file {}", stub.display()))?;
        if yours == text {
            println!(
                "{} is the same as the reference solution, line for line.",
                stub.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{}\n{}\n",
            ui::paint(Paint::Red, format!("- {} (yours)", stub.display())),
            ui::paint(Paint::Green, format!("+ {} (reference)", path.display()))
        );
        print!("{}", diff(&yours, &text));
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}\n",
        ui::paint(Paint::Bold, format!("// {}", path.display()))
    );
    println!("{}", text.trim_end());
    Ok(ExitCode::SUCCESS)
}

/// A line diff from `old` to `new`: `-` for lines only in `old`, `+` for lines only in
/// `new`, two spaces for lines in both; runs of more than six unchanged lines are
/// folded. A longest-common-subsequence table is plenty for files of a few hundred lines.
fn diff(old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    // common[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push((' ', a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            // Removals before additions, as unified diffs show them.
            lines.push(('-', a[i]));
            i += 1;
        } else {
            lines.push(('+', b[j]));
            j += 1;
        }
    }
    let mut out = String::new();
    let mut k = 0;
    while k < lines.len() {
        let run = lines[k..]
            .iter()
            .take_while(|(mark, _)| *mark == ' ')
            .count();
        if run > 6 {
            for (_, line) in &lines[k..k + 3] {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str(&ui::paint(
                Paint::Dim,
                format!(
                    "  … {} unchanged line{}\n",
                    run - 6,
                    crate::verdict::plural(run - 6)
                ),
            ));
            for (_, line) in &lines[k + run - 3..k + run] {
                out.push_str(&format!("  {line}\n"));
            }
            k += run;
            continue;
        }
        let (mark, line) = lines[k];
        let text = format!("{mark} {line}");
        out.push_str(&match mark {
            '-' => ui::paint(Paint::Red, text),
            '+' => ui::paint(Paint::Green, text),
            _ => text,
        });
        out.push('\n');
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_diff_marks_what_differs_and_folds_long_runs() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ntodo!()\n";
        let new = "a\nb\nc\nd\ne\nf\ng\nh\nx + y\nz\n";
        assert_eq!(
            super::diff(old, new),
            "  a\n  b\n  c\n  … 2 unchanged lines\n  f\n  g\n  h\n- todo!()\n+ x + y\n+ z\n"
        );
    }
}
