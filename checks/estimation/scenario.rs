//! Checks for `exercises/estimation/src/scenario.rs`.
//!
//! Each seed scenario's report is checked twice: every figure against the arithmetic
//! written out below, independently of the course's code, and the whole rendering
//! against its snapshot beside the scenario in `checks/estimation/scenarios/`.

mod support;

use std::path::Path;

use estimation::scenario::{Report, Scenario};
use rstest::rstest;
use support::close;

const DAY: f64 = 86_400.0;
const SHORT_DAY: f64 = 1e5;
const MONTH: f64 = 30.0 * DAY;
const SHORT_MONTH: f64 = 30.0 * SHORT_DAY;

/// One expected figure: its name, exact value and shortcut value.
type Figure = (&'static str, f64, f64);

fn url_shortener() -> Vec<Figure> {
    let (writes, reads) = (500e6, 500e6 * 100.0);
    let kept = writes / 30.0 * 365.0 * 5.0;
    let kept_short = writes * 12.0 * 5.0;
    let reads_a_day = reads / 30.0;
    vec![
        ("new URLs", writes / MONTH, writes / SHORT_MONTH),
        (
            "new URLs at peak",
            2.0 * writes / MONTH,
            2.0 * writes / SHORT_MONTH,
        ),
        ("redirects", reads / MONTH, reads / SHORT_MONTH),
        (
            "redirects at peak",
            2.0 * reads / MONTH,
            2.0 * reads / SHORT_MONTH,
        ),
        (
            "all requests",
            (writes + reads) / MONTH,
            (writes + reads) / SHORT_MONTH,
        ),
        (
            "all requests at peak",
            2.0 * (writes + reads) / MONTH,
            2.0 * (writes + reads) / SHORT_MONTH,
        ),
        (
            "new URLs in",
            writes / MONTH * 500.0,
            writes / SHORT_MONTH * 500.0,
        ),
        (
            "redirects out",
            reads / MONTH * 500.0,
            reads / SHORT_MONTH * 500.0,
        ),
        ("URLs per day", writes / 30.0 * 500.0, writes / 30.0 * 500.0),
        ("URLs kept", kept, kept_short),
        ("URLs on disk", kept * 500.0, kept_short * 500.0),
        ("hot URLs reads per day", reads_a_day, reads_a_day),
        (
            "hot URLs",
            reads_a_day * 0.2 * 500.0,
            reads_a_day * 0.2 * 500.0,
        ),
    ]
}

fn social_app() -> Vec<Figure> {
    let daily_users = 1e9 * 0.25;
    let queries = daily_users * 7.0;
    let posts = daily_users * 2.0 * 500.0;
    let images = daily_users * 0.1 * 300e3;
    let (average, short_average) = (queries / DAY, queries / SHORT_DAY);
    vec![
        ("queries", average, short_average),
        ("queries at peak", 2.0 * average, 2.0 * short_average),
        ("posts per day", posts, posts),
        ("images per day", images, images),
        ("all new data per day", posts + images, posts + images),
        ("recent posts", daily_users * 3e3, daily_users * 3e3),
        ("recent posts machines", 10.0, 10.0),
        ("capacity per server", 100.0, 100.0),
        (
            "servers for the average",
            (average / 100.0).ceil(),
            (short_average / 100.0).ceil(),
        ),
        (
            "servers at peak",
            (2.0 * average / 70.0).ceil(),
            (2.0 * short_average / 70.0).ceil(),
        ),
    ]
}

fn music_streaming() -> Vec<Figure> {
    // The seed's 600M x 15 reads arrive in a 4-hour peak, not over a whole day.
    let (reads, peak_reads) = (200e6 * 10.0, 600e6 * 15.0 * 24.0 / 4.0);
    let (writes, peak_writes) = (1e6, 100e6);
    let stored = [
        1e9 * 500.0,
        100e6 * 5e6,
        100e6 * 1e3,
        500e3 * 1e3,
        100e3 * 1e3,
        1e9 * 30.0 * 1e3,
    ];
    let total: f64 = stored.iter().sum();
    vec![
        ("reads", reads / DAY, reads / SHORT_DAY),
        ("reads at peak", peak_reads / DAY, peak_reads / SHORT_DAY),
        ("writes", writes / DAY, writes / SHORT_DAY),
        ("writes at peak", peak_writes / DAY, peak_writes / SHORT_DAY),
        (
            "all requests",
            (reads + writes) / DAY,
            (reads + writes) / SHORT_DAY,
        ),
        (
            "all requests at peak",
            (peak_reads + peak_writes) / DAY,
            (peak_reads + peak_writes) / SHORT_DAY,
        ),
        // One 5 MB song per daily user a day, as 500 kB on each of ten reads.
        ("reads out", reads / DAY * 500e3, reads / SHORT_DAY * 500e3),
        ("users", stored[0], stored[0]),
        ("songs", stored[1], stored[1]),
        ("song metadata", stored[2], stored[2]),
        ("artists", stored[3], stored[3]),
        ("albums", stored[4], stored[4]),
        ("playlists", stored[5], stored[5]),
        ("all data stored", total, total),
    ]
}

fn report_for(file: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../checks/estimation/scenarios")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let scenario = Scenario::from_yaml(&text)
        .unwrap_or_else(|error| panic!("{file} is a valid scenario, but: {error}"));
    scenario.estimate()
}

#[rstest]
#[case("url-shortener.yaml", url_shortener())]
#[case("social-app.yaml", social_app())]
#[case("music-streaming.yaml", music_streaming())]
fn every_figure_matches_the_arithmetic_done_by_hand(
    #[case] file: &str,
    #[case] expected: Vec<Figure>,
) {
    let report = report_for(file);
    let names: Vec<&str> = report.lines.iter().map(|line| line.name.as_str()).collect();
    let expected_names: Vec<&str> = expected.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(
        names, expected_names,
        "the figures of {file}, in order; a total such as `all requests` comes only with \
         two streams or more"
    );
    for (line, (name, exact, shortcut)) in report.lines.iter().zip(&expected) {
        assert!(
            close(line.value.exact, *exact) && close(line.value.shortcut, *shortcut),
            "{file}, `{name}`: got exact {}, shortcut {}; expected exact {exact}, shortcut {shortcut}",
            line.value.exact,
            line.value.shortcut
        );
    }
}

#[rstest]
#[case("url-shortener")]
#[case("social-app")]
#[case("music-streaming")]
fn the_report_reads_as_its_snapshot(#[case] name: &str) {
    let report = report_for(&format!("{name}.yaml"));
    insta::with_settings!({ snapshot_path => "scenarios", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, report.to_string());
    });
}

#[test]
fn months_and_peaks_have_defaults_a_scenario_can_change() {
    let text = "name: defaults\nrequests:\n  - name: writes\n    rate: 3M per month\n";
    let scenario = Scenario::from_yaml(text).expect("a scenario with one stream");
    assert_eq!(
        (scenario.month_days, scenario.peak_factor),
        (30.0, 2.0),
        "the defaults"
    );
    let peak = scenario.estimate().lines[1].value.exact;
    assert!(
        close(peak, 2.0 * 3e6 / MONTH),
        "twice 3M a 30-day month: got {peak}"
    );

    let text = "name: longer\nmonth_days: 31\npeak_factor: 3\nrequests:\n  - name: writes\n    rate: 3M per month\n";
    let report = Scenario::from_yaml(text)
        .expect("a scenario with one stream")
        .estimate();
    let (average, peak) = (report.lines[0].value.exact, report.lines[1].value.exact);
    assert!(
        close(average, 3e6 / (31.0 * DAY)),
        "3M a 31-day month: got {average}"
    );
    assert!(
        close(peak, 3.0 * average),
        "three times the average: got {peak}"
    );
}

#[test]
fn storage_with_replicas_and_growth() {
    let text = "\
name: growing
storage:
  - name: events
    rate: 1M per day
    size: 1 kB
    years: 2
    yearly_growth: 50%
    replicas: 3
";
    let report = Scenario::from_yaml(text)
        .expect("a valid scenario")
        .estimate();
    let formula = |name: &str| {
        report
            .line(name)
            .unwrap_or_else(|| panic!("the report has no `{name}`: {report}"))
            .formula
            .clone()
    };
    assert_eq!(
        formula("events kept"),
        "1M per day for 2 years, growing 50% a year",
        "the formula of `events kept` names the years and, as the data grows, the growth"
    );
    assert_eq!(
        formula("events on disk"),
        "kept × 1 kB × 3 replicas",
        "the formula of `events on disk` names the replicas when there is more than one copy"
    );
    let line = |name: &str| {
        report
            .line(name)
            .unwrap_or_else(|| panic!("the report has no `{name}`: {report}"))
            .value
    };
    let per_day = line("events per day");
    assert!(
        close(per_day.exact, 1e6 * 1e3 * 3.0),
        "a day of 1M records of 1 kB, each stored on three replicas, is 3 GB a day: \
         got {}",
        per_day.exact
    );
    let kept = line("events kept");
    assert!(
        close(kept.exact, 365e6 * 2.5),
        "1M a day for a year, then 1.5M: got {}",
        kept.exact
    );
    let on_disk = line("events on disk");
    assert!(
        close(on_disk.exact, 365e6 * 2.5 * 1e3 * 3.0),
        "three copies of 1 kB each: got {}",
        on_disk.exact
    );
}

#[test]
fn servers_without_a_utilisation_run_flat_out() {
    let text = "name: x\nrequests:\n  - name: a\n    rate: 8.64M per day\nservers:\n  \
                threads: 50\n  latency: 500 ms\n";
    let report = Scenario::from_yaml(text)
        .expect("a valid scenario")
        .estimate();
    let servers = report
        .line("servers at peak")
        .unwrap_or_else(|| panic!("the report has no `servers at peak`: {report}"))
        .value
        .exact;
    assert!(
        close(servers, 2.0),
        "200 requests a second at peak on servers of 100 a second, with no utilisation \
         given: it is 100%, so 2 servers, not {servers}"
    );
}

#[rstest]
#[case::flat_out("100%")]
#[case::with_headroom("70%")]
#[case::barely_used("1%")]
fn a_utilisation_above_0_and_up_to_100_percent_is_accepted(#[case] utilisation: &str) {
    let flat = "name: x\npeak_factor: 1\n";
    if let Err(error) = Scenario::from_yaml(flat) {
        panic!("a peak factor of 1 (a peak no busier than the average) is allowed: {error}");
    }
    let text = format!(
        "name: x\nrequests:\n  - name: a\n    rate: 1M per day\nservers:\n  threads: 50\n  \
         latency: 500 ms\n  utilisation: {utilisation}\n"
    );
    if let Err(error) = Scenario::from_yaml(&text) {
        panic!(
            "a utilisation of {utilisation} is above 0% and at most 100%, yet the scenario \
             was refused: {error}"
        );
    }
}

#[rstest]
#[case("name: x\nreqests: []\n", 2, "reqests")]
#[case(
    "name: x\nrequests:\n  - name: a\n    rate: 5 MBs per day\n",
    3,
    "5 MBs"
)]
#[case("name: x\nstorage:\n  - name: songs\n    size: 5 MB\n", 3, "songs")]
#[case(
    "name: x\nstorage:\n  - name: a\n    count: 5\n    rate: 1 per day\n    size: 5 MB\n",
    3,
    "`a`"
)]
#[case(
    "name: x\nrequests:\n  - name: reads\n    rate: 1M per day\ncache:\n  - name: hot\n    of: raeds\n    hot_share: 20%\n    size: 1 kB\n",
    6,
    "raeds"
)]
#[case("name: x\ncache:\n  - name: hot\n    size: 1 kB\n", 3, "`hot`")]
#[case("name: x\nmonth_days: 0\n", 2, "month_days")]
#[case::a_peak_below_the_average("name: x\npeak_factor: 0.5\n", 2, "peak_factor")]
#[case::years_for_a_fixed_count(
    "name: x\nstorage:\n  - name: songs\n    count: 5\n    size: 5 MB\n    years: 2\n",
    3,
    "years"
)]
#[case(
    "name: x\nservers:\n  threads: 50\n  latency: 500 ms\n  utilisation: 170%\n",
    5,
    "utilisation"
)]
#[case::no_utilisation_at_all(
    "name: x\nservers:\n  threads: 50\n  latency: 500 ms\n  utilisation: 0%\n",
    5,
    "utilisation"
)]
fn a_bad_scenario_is_an_error_with_its_line(
    #[case] text: &str,
    #[case] line: usize,
    #[case] mentions: &str,
) {
    let error =
        Scenario::from_yaml(text).expect_err(&format!("this scenario is not valid:\n{text}"));
    assert_eq!(
        error.line,
        Some(line),
        "the line of the problem in:\n{text}\n(the error: {error})"
    );
    assert!(
        error.message.contains(mentions),
        "the error should mention {mentions}: {error}"
    );
    assert!(
        error.to_string().starts_with(&format!("line {line}: ")),
        "the error shows its line first, as `line {line}: ...`: {error}"
    );
    assert!(
        !error.message.contains(" at line "),
        "the message should not repeat the line, which the error carries on its own: {:?}",
        error.message
    );
}
