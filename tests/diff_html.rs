//! The HTML report opened in a real browser: headless Chromium (Debian's
//! `chromium`, installed by `scripts/install-test-deps.sh`) loads the page,
//! runs its script and dumps the resulting DOM. The page's script marks the
//! body `data-ready="true"` as its last statement, so a script error anywhere
//! leaves the mark out; console errors are caught from Chromium's log too.

use std::path::PathBuf;

use crate::common::{crate_dir, s75};
use tempfile::TempDir;

/// Loads `url` in headless Chromium; returns the DOM after scripts ran, and Chromium's log.
fn dump_dom(url: &str) -> (String, String) {
    let out = crate::common::render::chromium_url(&["--dump-dom"], url);
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn report_file(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("diff.html");
    let out = s75()
        .current_dir(crate_dir())
        .args(["diff", "--format", "html", "-o"])
        .arg(&path)
        .args(["agreements/coventry-cwpt-2019", "agreements/coventry-cwpt-2022"])
        .output()
        .expect("run s75");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

fn console_errors(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("Uncaught") || (l.contains("CONSOLE") && l.to_lowercase().contains("error")))
        .collect()
}

#[test]
fn html_report_renders_summary_and_clause_list_without_script_errors() {
    let dir = TempDir::new().expect("temp");
    let path = report_file(&dir);
    let html = std::fs::read_to_string(&path).expect("read report");
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link "),
        "self-contained: no external resources"
    );

    let (dom, log) = dump_dom(&format!("file://{}", path.display()));
    assert!(dom.contains("data-ready=\"true\""), "the page's script did not run to the end\nlog:\n{log}");
    assert!(console_errors(&log).is_empty(), "console errors: {:#?}", console_errors(&log));
    assert!(dom.contains("id=\"summary\""), "summary missing");
    assert!(dom.contains("<td>Term</td><td>1 year</td><td>3 years</td>"), "metadata missing");
    assert!(dom.contains("<td>Notice</td><td>12 months</td><td>6 months</td>"), "metadata missing");
    assert!(dom.contains("class=\"clause-list\""), "clause list missing");
    // The navigation lists each changed provision; the 16 insertions among them.
    assert_eq!(dom.matches("<li class=\"status-inserted\">").count(), 16);
    assert!(dom.contains("11 Review of this Agreement"));
    assert!(dom.contains("class=\"view-inline\""));
}

#[test]
fn side_by_side_view_is_chosen_from_the_address() {
    let dir = TempDir::new().expect("temp");
    let path = report_file(&dir);
    let (dom, log) = dump_dom(&format!("file://{}#side-by-side", path.display()));
    assert!(dom.contains("data-ready=\"true\""), "{log}");
    assert!(dom.contains("class=\"view-side-by-side\""), "the script switches the view");
    assert!(dom.contains("aria-pressed=\"true\">Side by side"), "the toggle shows the view");
}
