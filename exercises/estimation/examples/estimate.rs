//! Prints the report for a scenario file:
//! `cargo run -p estimation --example estimate -- checks/estimation/scenarios/url-shortener.yaml`.
//! It runs the course's own code, so it works once the estimation exercises pass.

use std::process::ExitCode;

use estimation::scenario::Scenario;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cargo run -p estimation --example estimate -- <scenario.yaml>");
        eprintln!("the seed scenarios are in checks/estimation/scenarios/");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match Scenario::from_yaml(&text) {
        Ok(scenario) => {
            print!("{}", scenario.estimate());
            ExitCode::SUCCESS
        }
        Err(error) => {
            let place = error
                .line
                .map_or(path.clone(), |line| format!("{path}:{line}"));
            eprintln!("error: {place}: {}", error.message);
            eprintln!("fix the scenario file and run the command again");
            ExitCode::FAILURE
        }
    }
}
