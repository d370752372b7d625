//! "Did you mean ...?" for names a learner types.

/// ` (did you mean `x`?)`, or nothing when no known name is close to `typed`.
pub fn did_you_mean<'a>(typed: &str, known: impl Iterator<Item = &'a str>) -> String {
    // Close means a few typos away, relative to the name's length.
    let tolerance = (typed.chars().count() / 3).max(1);
    known
        .map(|candidate| (edit_distance(typed, candidate), candidate))
        .filter(|&(distance, candidate)| {
            distance <= tolerance || candidate.contains(typed) && typed.len() >= 3
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| format!(" (did you mean `{candidate}`?)"))
        .unwrap_or_default()
}

/// Levenshtein distance: insertions, deletions and substitutions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name_within_a_few_typos() {
        let known = ["fixed_window", "sliding_log", "token_bucket"];
        assert_eq!(
            did_you_mean("fixed_windwo", known.into_iter()),
            " (did you mean `fixed_window`?)"
        );
        assert_eq!(
            did_you_mean("token", known.into_iter()),
            " (did you mean `token_bucket`?)"
        );
        assert_eq!(did_you_mean("ring", known.into_iter()), "");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
