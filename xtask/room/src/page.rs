//! The dashboard: one page, rendered here and nowhere else. The page fetches itself
//! every few seconds and swaps in the new table, so every string reaches the browser
//! through `escape` and the projector never needs a reload.

use std::fmt::Write;

use crate::room::View;

/// How long a learner may sit on one exercise before their row turns amber, then red.
const AMBER_SECS: u64 = 10 * 60;
const RED_SECS: u64 = 20 * 60;

pub fn render(view: &View, advertised: &str) -> String {
    let mut html = String::with_capacity(8 * 1024);
    let code = escape(&view.code);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Room {code}</title><style>{STYLE}</style></head><body>\n<main id=\"room\">\n\
         <header><h1>Room <code>{code}</code>{track}</h1>\
         <p class=\"join\">Join: <code>cargo xtask room join {url} --code {code} --name &lt;your name&gt;</code></p></header>\n",
        track = view
            .track
            .as_deref()
            .map(|track| format!(" <span class=\"track\">{}</span>", escape(track)))
            .unwrap_or_default(),
        url = escape(advertised),
    );
    learners(&mut html, view);
    exercises(&mut html, view);
    html.push_str("</main>\n<script>");
    html.push_str(SCRIPT);
    html.push_str("</script></body></html>\n");
    html
}

fn learners(html: &mut String, view: &View) {
    if view.learners.is_empty() {
        html.push_str("<p id=\"learners\" class=\"empty\">No one has joined yet.</p>\n");
        return;
    }
    html.push_str("<table id=\"learners\"><thead><tr><th>Learner</th><th>Now on</th><th>For</th>");
    for topic in &view.topics {
        let _ = write!(html, "<th class=\"topic\">{}</th>", escape(&topic.name));
    }
    html.push_str(
        "<th>Hints</th><th>Solutions seen early</th><th>Last seen</th></tr></thead><tbody>\n",
    );
    for learner in &view.learners {
        let stuck = learner.current.as_ref().map(|_| learner.stuck_for_secs);
        let class = match stuck {
            Some(secs) if secs >= RED_SECS => " class=\"red\"",
            Some(secs) if secs >= AMBER_SECS => " class=\"amber\"",
            _ => "",
        };
        let _ = write!(
            html,
            "<tr{class}><td class=\"name\">{}</td><td class=\"current\">{}</td><td class=\"stuck\">{}</td>",
            escape(&learner.name),
            learner
                .current
                .as_deref()
                .map_or_else(|| "finished".to_string(), escape),
            stuck.map(duration).unwrap_or_default(),
        );
        for (topic, done) in view.topics.iter().zip(&learner.done_by_topic) {
            let _ = write!(html, "<td class=\"done\">{done}/{}</td>", topic.exercises);
        }
        let _ = writeln!(
            html,
            "<td class=\"hints\">{}</td><td class=\"early\">{}</td><td class=\"seen\">{} ago</td></tr>",
            learner.hints,
            escape(&learner.solutions_seen_early.join(", ")),
            duration(learner.last_seen_secs),
        );
    }
    html.push_str("</tbody></table>\n");
}

/// The exercises someone has reached, with how many are done and how many are on
/// each now: where the room is, and where it is stuck.
fn exercises(html: &mut String, view: &View) {
    let reached: Vec<_> = view
        .exercises
        .iter()
        .filter(|exercise| exercise.done > 0 || exercise.here > 0)
        .collect();
    html.push_str("<h2>Where the room is</h2>\n");
    if !reached.is_empty() {
        html.push_str("<table id=\"exercises\"><thead><tr><th>Topic</th><th>Exercise</th><th>Done</th><th>On it now</th><th>Longest on it</th></tr></thead><tbody>\n");
        for exercise in &reached {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td class=\"name\">{}</td><td class=\"done\">{}</td><td class=\"here\">{}</td><td>{}</td></tr>",
                escape(&exercise.topic),
                escape(&exercise.exercise),
                exercise.done,
                exercise.here,
                exercise.longest_here_secs.map(duration).unwrap_or_default(),
            );
        }
        html.push_str("</tbody></table>\n");
    }
    let unreached = view.exercises.len() - reached.len();
    if unreached > 0 {
        let _ = writeln!(
            html,
            "<p class=\"empty\">{unreached} exercise{} no one has reached yet.</p>",
            if unreached == 1 { "" } else { "s" }
        );
    }
}

/// "45 s", "12 min", "1 h 05": coarse enough to read from the back of a room.
fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ => format!("{} h {:02}", secs / 3600, secs % 3600 / 60),
    }
}

/// Text made safe to place between tags and inside quoted attributes.
pub fn escape(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            '"' => safe.push_str("&quot;"),
            '\'' => safe.push_str("&#39;"),
            _ => safe.push(c),
        }
    }
    safe
}

const STYLE: &str = "\
body{font:20px/1.4 system-ui,sans-serif;margin:1.5rem;color:#111;background:#fff}\
h1{margin:0 0 .3rem}code{font-size:.9em}.track{font-size:.6em;color:#555;margin-left:1rem}\
.join{color:#333}table{border-collapse:collapse;margin:1rem 0;min-width:60%}\
th,td{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:left}\
th{background:#f3f3f3}td{white-space:nowrap}th.topic{font-size:.8em;font-weight:normal}td.done,td.hints,td.here{text-align:right}\
tr.amber td{background:#fff3c4}tr.red td{background:#ffd6d6}.empty{color:#555}\
body.lost main{opacity:.4}body.lost::before{content:'The room does not answer; trying again…';color:#a00}";

/// Fetch this page again and swap in its `<main>`: the new rows arrive already
/// escaped, by `render`. While the room does not answer, the page says so and dims.
const SCRIPT: &str = "\
const lost=on=>document.body.classList.toggle('lost',on);\
setInterval(async()=>{try{const r=await fetch(location.pathname,{cache:'no-store'});\
if(!r.ok){lost(true);return;}const d=new DOMParser().parseFromString(await r.text(),'text/html');\
const m=d.getElementById('room');if(m)document.getElementById('room').replaceWith(m);lost(false);\
}catch(e){lost(true);}},2000);";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::{ExerciseView, LearnerView, TopicView};

    fn learner(name: &str, current: Option<&str>, stuck_for_secs: u64) -> LearnerView {
        LearnerView {
            name: name.into(),
            current: current.map(str::to_string),
            done: 0,
            stuck_for_secs,
            hints: 0,
            last_seen_secs: 0,
            done_by_topic: vec![0],
            solutions_seen_early: Vec::new(),
            course: None,
        }
    }

    fn exercise(name: &str, done: usize, here: usize) -> ExerciseView {
        ExerciseView {
            exercise: name.into(),
            topic: "hashing".into(),
            done,
            here,
            longest_here_secs: (here > 0).then_some(90),
        }
    }

    fn view(learners: Vec<LearnerView>, exercises: Vec<ExerciseView>) -> View {
        View {
            code: "K7Q2PX".into(),
            track: None,
            topics: vec![TopicView {
                name: "hashing".into(),
                exercises: exercises.len(),
            }],
            learners,
            exercises,
        }
    }

    /// The row of the learner called `name`, from `<tr` to `</tr>`.
    fn row<'a>(page: &'a str, name: &str) -> &'a str {
        let cell = format!("<td class=\"name\">{name}</td>");
        let at = page.find(&cell).expect("the learner's row");
        let start = page[..at].rfind("<tr").unwrap();
        &page[start..at]
    }

    #[test]
    fn a_learner_stuck_long_stands_out_amber_then_red() {
        let page = render(
            &view(
                vec![
                    learner("red", Some("ring"), 20 * 60),
                    learner("amber", Some("ring"), 10 * 60),
                    learner("calm", Some("ring"), 10 * 60 - 1),
                    learner("done", None, 0),
                ],
                vec![exercise("ring", 0, 3)],
            ),
            "http://192.0.2.7:7878",
        );
        assert_eq!(row(&page, "red"), "<tr class=\"red\">");
        assert_eq!(row(&page, "amber"), "<tr class=\"amber\">");
        assert_eq!(row(&page, "calm"), "<tr>");
        assert_eq!(row(&page, "done"), "<tr>");
        assert!(page.contains("<td class=\"current\">finished</td>"));
        assert!(page.contains("<td class=\"stuck\">20 min</td>"));
    }

    #[test]
    fn where_the_room_is_lists_the_exercises_someone_has_reached() {
        let page = render(
            &view(
                vec![learner("ada", Some("ring"), 90)],
                vec![
                    exercise("fnv", 1, 0),
                    exercise("ring", 0, 1),
                    exercise("jump", 0, 0),
                    exercise("rendezvous", 0, 0),
                ],
            ),
            "http://192.0.2.7:7878",
        );
        let table = &page[page.find("<table id=\"exercises\">").expect("the table")..];
        assert!(table.contains(
            "<td class=\"name\">fnv</td><td class=\"done\">1</td><td class=\"here\">0</td><td></td>"
        ));
        assert!(table.contains("<td class=\"name\">ring</td><td class=\"done\">0</td><td class=\"here\">1</td><td>1 min</td>"));
        assert!(!table.contains("jump") && !table.contains("rendezvous"));
        assert!(page.contains("2 exercises no one has reached yet."));

        let one_left = render(
            &view(
                Vec::new(),
                vec![exercise("fnv", 1, 0), exercise("ring", 0, 0)],
            ),
            "",
        );
        assert!(one_left.contains("1 exercise no one has reached yet."));
        let none_left = render(&view(Vec::new(), vec![exercise("fnv", 1, 0)]), "");
        assert!(!none_left.contains("no one has reached"));
        let nobody = render(&view(Vec::new(), vec![exercise("fnv", 0, 0)]), "");
        assert!(!nobody.contains("<table id=\"exercises\">"));
        assert!(nobody.contains("No one has joined yet."));
    }

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn durations_read_from_the_back_of_the_room() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(12 * 60 + 5), "12 min");
        assert_eq!(duration(3600 + 5 * 60), "1 h 05");
    }
}
