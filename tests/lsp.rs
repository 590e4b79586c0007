//! `s75 lsp` driven as an editor drives it: the real binary over stdio
//! (tests/common/lsp.rs), on a temp copy of the real 2019 agreement,
//! asserting what the editor would show.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::common::lsp::{Client, at, url};
use crate::common::{copy_into, coventry_2019, validate_json};

const ID: &str = "coventry-cwpt-2019";

/// A repository holding a copy of the 2019 agreement.
fn repo_2019() -> (TempDir, PathBuf) {
    let repo = TempDir::new().expect("temp dir");
    let dir = repo.path().join("agreements").join(ID);
    std::fs::create_dir_all(&dir).expect("mkdir");
    copy_into(&coventry_2019(), &dir);
    (repo, dir)
}

/// The server, started in the repository with the body open.
fn started(repo: &TempDir, dir: &Path) -> Client {
    let mut client = Client::start(repo.path());
    client.open(&dir.join("agreement.md"));
    client
}

fn hover_text(client: &mut Client, position: Value) -> String {
    let answer = client.request("textDocument/hover", position);
    answer["result"]["contents"]["value"].as_str().unwrap_or_else(|| panic!("no hover: {answer}")).to_string()
}

/// (file name, 1-based line) of each location of an answer.
fn places(answer: &Value) -> Vec<(String, u64)> {
    let list = answer["result"].as_array().unwrap_or_else(|| panic!("not a list: {answer}"));
    list.iter()
        .map(|l| {
            let uri = l["uri"].as_str().expect("uri");
            (uri.rsplit('/').next().unwrap_or(uri).to_string(), l["range"]["start"]["line"].as_u64().expect("line") + 1)
        })
        .collect()
}

#[test]
fn diagnostics_on_open_are_the_findings_of_validate_with_related_locations() {
    let (repo, dir) = repo_2019();
    let (report, _) = validate_json(repo.path(), &[]);
    let expected: BTreeSet<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["suppressed"].is_null())
        .map(|f| {
            let file = f["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
            (file, f["line"].as_u64().unwrap(), f["code"].as_str().unwrap().to_string())
        })
        .collect();

    let mut client = started(&repo, &dir);
    client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": url(&dir.join("agreement.md")) } }));
    let mut shown = BTreeSet::new();
    let mut files = BTreeSet::new();
    for n in client.notifications.iter().filter(|n| n["method"] == "textDocument/publishDiagnostics") {
        let uri = n["params"]["uri"].as_str().unwrap();
        let file = uri.rsplit('/').next().unwrap().to_string();
        files.insert(file.clone());
        for d in n["params"]["diagnostics"].as_array().unwrap() {
            shown.insert((
                file.clone(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(shown, expected, "the editor shows what `s75 validate` reports");
    assert!(files.contains("agreement.toml") && files.contains("05-service-description.md"), "{files:?}");

    // The duplicated 1.1 points back at the first one.
    let body = client.diagnostics(&url(&dir.join("agreement.md")));
    let duplicate = body
        .iter()
        .find(|d| d["code"] == "numbering.duplicate" && d["range"]["start"]["line"] == 153)
        .unwrap_or_else(|| panic!("no duplicate 1.1 at line 154: {body:#?}"));
    assert!(duplicate["message"].as_str().unwrap().contains("1.1 is used twice"), "{duplicate}");
    let related = &duplicate["relatedInformation"][0];
    assert_eq!(related["location"]["range"]["start"]["line"], 24, "first 1.1 is on line 25: {duplicate}");
    assert_eq!(related["message"], "first 1.1 here");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn diagnostics_follow_unsaved_edits_and_the_file_on_disk_is_untouched() {
    let (repo, dir) = repo_2019();
    let body_path = dir.join("agreement.md");
    let original = std::fs::read_to_string(&body_path).unwrap();
    let mut client = started(&repo, &dir);
    let uri = url(&body_path);
    let before = client.diagnostics(&uri);
    assert!(!before.iter().any(|d| d["message"].as_str().unwrap().contains("Clause 99")), "{before:#?}");

    let edited = original.replacen("as per Clause 21.2 below", "as per Clause 99 below", 1);
    client.change(&body_path, 2, &edited);
    let after = client.diagnostics(&uri);
    let broken = after
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("Clause 99"))
        .unwrap_or_else(|| panic!("no finding for the new Clause 99: {after:#?}"));
    assert_eq!(broken["range"]["start"]["line"], 459, "{broken}");
    assert!(broken["code"].as_str().unwrap().starts_with("xref."), "{broken}");

    client.change(&body_path, 3, &original);
    let fixed = client.diagnostics(&uri);
    assert!(!fixed.iter().any(|d| d["message"].as_str().unwrap().contains("Clause 99")), "{fixed:#?}");
    assert_eq!(fixed.len(), before.len());
    assert_eq!(std::fs::read_to_string(&body_path).unwrap(), original, "the server never writes a source");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn an_unreadable_agreement_toml_is_one_diagnostic_at_its_line_and_the_server_goes_on() {
    let (repo, dir) = repo_2019();
    let meta = dir.join("agreement.toml");
    let good = std::fs::read_to_string(&meta).unwrap();
    let mut client = started(&repo, &dir);
    client.open(&meta);
    let uri = url(&meta);
    client.diagnostics(&uri);

    client.change(&meta, 2, &format!("{good}\n[[parties]\n"));
    let broken = client.diagnostics(&uri);
    assert_eq!(broken.len(), 1, "{broken:#?}");
    let line = good.lines().count() as u64 + 1;
    assert_eq!(broken[0]["range"]["start"]["line"], line, "the line of `[[parties]`: {broken:#?}");
    assert_eq!(broken[0]["severity"], 1);

    client.change(&meta, 3, &good);
    let back = client.diagnostics(&uri);
    assert!(back.iter().all(|d| d["code"] != "load"), "{back:#?}");
    let text = hover_text(&mut client, at(&dir.join("agreement.md"), 459, "Commencement Date"));
    assert!(text.contains("1st April 2019"), "{text}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn hover_shows_a_definition_a_references_target_and_a_stale_names_successor() {
    let (repo, dir) = repo_2019();
    let body = dir.join("agreement.md");
    let mut client = started(&repo, &dir);

    let term = hover_text(&mut client, at(&body, 459, "Commencement Date"));
    assert!(
        term.contains("**“Commencement Date”** means the commencement date for this Agreement, being 1st April 2019"),
        "{term}"
    );
    assert!(term.contains("agreement.md:61"), "{term}");

    let clause = hover_text(&mut client, at(&body, 459, "Clause 21.2"));
    assert!(clause.starts_with("**21.2 Termination**"), "{clause}");
    assert!(
        clause.contains("The Partners may agree in writing three (3) months prior to the end of the Term"),
        "{clause}"
    );

    let schedule = hover_text(&mut client, at(&body, 329, "Schedule 5"));
    assert!(schedule.starts_with("**The Service Description**"), "{schedule}");
    assert!(schedule.contains("Referrals Process"), "its first lines: {schedule}");

    let stale = hover_text(&mut client, at(&body, 221, "Primary Care Trusts"));
    assert!(stale.contains("**Primary Care Trust**: abolished with effect from 1 April 2013"), "{stale}");
    assert!(stale.contains("Clinical Commissioning Groups"), "what replaced it: {stale}");

    let nothing = client.request("textDocument/hover", at(&body, 459, "cease"));
    assert!(nothing["result"].is_null(), "{nothing}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn definition_goes_from_a_term_to_its_definition_and_from_a_reference_across_files() {
    let (repo, dir) = repo_2019();
    let body = dir.join("agreement.md");
    let mut client = started(&repo, &dir);

    let term = client.request("textDocument/definition", at(&body, 459, "Commencement Date"));
    assert_eq!(places(&term), [("agreement.md".to_string(), 61)]);
    // Columns count UTF-16 units: the term starts after the curly quote “.
    assert_eq!(term["result"][0]["range"]["start"]["character"], 1, "{term}");
    assert_eq!(term["result"][0]["range"]["end"]["character"], 18, "{term}");

    let clause = client.request("textDocument/definition", at(&body, 459, "Clause 21.2"));
    assert_eq!(places(&clause), [("agreement.md".to_string(), 462)]);

    let schedule = client.request("textDocument/definition", at(&body, 329, "Schedule 5"));
    assert_eq!(places(&schedule), [("05-service-description.md".to_string(), 1)]);

    // From a schedule back to the body.
    let governance = dir.join("schedules/02-partnership-agreement-strategic-governance-arrangements.md");
    client.open(&governance);
    let back = client.request("textDocument/definition", at(&governance, 118, "Clause 21"));
    assert_eq!(places(&back), [("agreement.md".to_string(), 458)]);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn references_of_a_term_and_of_a_clause() {
    let (repo, dir) = repo_2019();
    let body = dir.join("agreement.md");
    let mut client = started(&repo, &dir);

    let mut position = at(&body, 459, "Commencement Date");
    position["context"] = json!({ "includeDeclaration": true });
    let with = places(&client.request("textDocument/references", position.clone()));
    position["context"] = json!({ "includeDeclaration": false });
    let without = places(&client.request("textDocument/references", position));
    // `grep -c` on the copy: 5 lines of the body (the definition one of them), 4 of Schedule 8.
    assert_eq!(with.len(), 9, "{with:?}");
    assert_eq!(without.len(), 8, "{without:?}");
    assert!(with.contains(&("agreement.md".to_string(), 61)) && !without.contains(&("agreement.md".to_string(), 61)));
    assert_eq!(with.iter().filter(|(f, _)| f == "08-secondment-arrangements.md").count(), 4, "{with:?}");

    let mut clause = at(&body, 459, "Clause 21.2");
    clause["context"] = json!({ "includeDeclaration": false });
    let refs = places(&client.request("textDocument/references", clause));
    assert_eq!(refs, [("agreement.md".to_string(), 172), ("agreement.md".to_string(), 460)]);

    // From the clause's own number, declaration included.
    let mut own = at(&body, 461, "21.2");
    own["context"] = json!({ "includeDeclaration": true });
    let refs = places(&client.request("textDocument/references", own));
    assert_eq!(
        refs,
        [("agreement.md".to_string(), 462), ("agreement.md".to_string(), 172), ("agreement.md".to_string(), 460)]
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn rename_changes_the_definition_and_every_use_and_nothing_else() {
    let (repo, dir) = repo_2019();
    let body = dir.join("agreement.md");
    let mut client = started(&repo, &dir);
    let mut params = at(&body, 459, "Commencement Date");
    let prepared = client.request("textDocument/prepareRename", params.clone());
    assert_eq!(prepared["result"]["placeholder"], "Commencement Date", "{prepared}");

    params["newName"] = json!("Start Date");
    let answer = client.request("textDocument/rename", params);
    let changes = answer["result"]["changes"].as_object().unwrap_or_else(|| panic!("{answer}"));
    let mut total = 0;
    for (uri, edits) in changes {
        let path = url::Url::parse(uri).unwrap().to_file_path().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for e in edits.as_array().unwrap() {
            let line = lines[e["range"]["start"]["line"].as_u64().unwrap() as usize];
            let utf16: Vec<u16> = line.encode_utf16().collect();
            let (from, to) = (
                e["range"]["start"]["character"].as_u64().unwrap() as usize,
                e["range"]["end"]["character"].as_u64().unwrap() as usize,
            );
            assert_eq!(String::from_utf16(&utf16[from..to]).unwrap(), "Commencement Date", "{e}");
            assert_eq!(e["newText"], "Start Date");
            total += 1;
        }
    }
    assert_eq!(total, 9, "the definition and its 8 uses: {answer}");
    assert_eq!(changes.len(), 2, "the body and Schedule 8");

    let mut not_a_term = at(&body, 459, "cease");
    not_a_term["newName"] = json!("X");
    let refused = client.request("textDocument/rename", not_a_term);
    assert!(refused["error"]["message"].as_str().unwrap().contains("only a defined term can be renamed"), "{refused}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn code_action_replaces_a_near_miss_with_the_defined_term() {
    let (repo, dir) = repo_2019();
    let schedule = dir.join("schedules/08-secondment-arrangements.md");
    let mut client = started(&repo, &dir);
    client.open(&schedule);
    let uri = url(&schedule);
    let diagnostics = client.diagnostics(&uri);
    let miss = diagnostics
        .iter()
        .find(|d| {
            d["message"].as_str().unwrap().starts_with(
                "“TUPE legislation” is written with other capitals than the defined term “TUPE Legislation”",
            )
        })
        .unwrap_or_else(|| panic!("{diagnostics:#?}"))
        .clone();
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": miss["range"], "context": { "diagnostics": [miss] } }),
    );
    let action = &answer["result"][0];
    assert_eq!(action["title"], "Use the defined term “TUPE Legislation”", "{answer}");
    assert_eq!(action["kind"], "quickfix");
    let edits = &action["edit"]["changes"][&uri];
    assert_eq!(edits[0]["range"], miss["range"]);
    assert_eq!(edits[0]["newText"], "TUPE Legislation");

    let elsewhere = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } }, "context": { "diagnostics": [] } }),
    );
    assert_eq!(elsewhere["result"], json!([]), "no fix where there is no near miss");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn document_symbols_are_the_clause_outline() {
    let (repo, dir) = repo_2019();
    let mut client = started(&repo, &dir);
    let answer = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": url(&dir.join("agreement.md")) } }));
    let top = answer["result"].as_array().unwrap_or_else(|| panic!("{answer}"));
    let names: Vec<&str> = top.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"1 Definitions and Interpretation") && names.contains(&"42. Survivorship of Terms"),
        "{names:?}"
    );
    let termination = top.iter().find(|s| s["name"] == "21 Termination").expect("clause 21");
    assert_eq!(termination["range"]["start"]["line"], 457);
    let children: Vec<&str> =
        termination["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(children.len(), 5, "21.1 to 21.5: {children:?}");
    assert!(
        children[0].starts_with("21.1 This Agreement shall cease")
            && children[1].starts_with("21.2 The Partners may agree"),
        "{children:?}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn malformed_messages_get_errors_and_never_stop_the_server() {
    let (repo, dir) = repo_2019();
    let body = dir.join("agreement.md");
    let mut client = started(&repo, &dir);
    client.send_raw(b"{ this is not json");
    let unknown = client.request("workspace/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.request("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let far = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": url(&body) }, "position": { "line": 99999, "character": 99999 } }),
    );
    assert!(far["result"].is_null(), "{far}");
    let outside = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere/x.md" }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(outside["result"].is_null(), "{outside}");
    let logged = client.notifications.iter().any(|n| {
        n["method"] == "window/logMessage" && n["params"]["message"].as_str().unwrap_or("").contains("malformed")
    });
    assert!(logged, "the bad payload is reported to the client: {:#?}", client.notifications);
    let text = hover_text(&mut client, at(&body, 459, "Commencement Date"));
    assert!(text.contains("1st April 2019"), "still answering: {text}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn rename_leaves_headings_alone() {
    let (repo, dir) = repo_2019();
    let body = dir.join("agreement.md");
    let text = std::fs::read_to_string(&body).unwrap();
    let heading = text.lines().position(|l| l == "## 42. Survivorship of Terms").expect("clause 42's heading") as u64;
    let mut client = started(&repo, &dir);
    let mut params = at(&body, 149, "Term");
    params["newName"] = json!("Period");
    let answer = client.request("textDocument/rename", params);
    let edits = answer["result"]["changes"][url(&body)].as_array().unwrap_or_else(|| panic!("{answer}")).clone();
    assert!(edits.len() >= 8, "the definition and the uses of “Term”: {answer}");
    assert!(
        edits.iter().all(|e| e["range"]["start"]["line"] != heading),
        "“Survivorship of Terms” is a heading, not a use"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn the_editor_examples_start_s75_lsp() {
    let editors = crate::common::crate_dir().join("examples/editors");
    let helix: toml::Table = std::fs::read_to_string(editors.join("helix/languages.toml")).unwrap().parse().unwrap();
    let server = &helix["language-server"]["s75"];
    assert_eq!((server["command"].as_str(), server["args"].as_array().map(Vec::len)), (Some("s75"), Some(1)));
    assert_eq!(server["args"][0].as_str(), Some("lsp"));
    let languages = helix["language"].as_array().unwrap();
    for name in ["markdown", "toml"] {
        let l = languages.iter().find(|l| l["name"].as_str() == Some(name)).expect(name);
        assert!(l["language-servers"].as_array().unwrap().iter().any(|s| s.as_str() == Some("s75")), "{name}");
    }
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(editors.join("vscode/package.json")).unwrap()).unwrap();
    assert_eq!(package["main"], "./extension.js");
    let extension = std::fs::read_to_string(editors.join("vscode/extension.js")).unwrap();
    assert!(extension.contains(r#"args: ["lsp"]"#) && extension.contains("**/agreement.toml"), "{extension}");
    // The Neovim set-up is run for real by lsp_neovim.
}

#[test]
fn an_impossible_message_length_ends_reading_not_the_process() {
    let (repo, _dir) = repo_2019();
    let mut client = Client::start(repo.path());
    client.send_raw_header("Content-Length: 99999999999999999\r\n\r\n");
    // The framing cannot be trusted after it: the server stops cleanly, as at the end of input.
    assert_eq!(client.exit_status(), 0);
}
