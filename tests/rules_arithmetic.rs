//! `arithmetic.*` through the binary: totals that do not add up in the
//! tables of real agreements (the 2019 staff schedule, imported PDF, Word
//! and text tables), and a contributions table against agreement.toml.

use crate::common::corpus::imported;
use crate::common::*;

fn arithmetic(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("arithmetic.")))
        .map(|f| {
            let file = f["file"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
            (file, f["line"].as_u64().unwrap_or(0), f["message"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// A repository holding a copy of the bundled 2022 pooled fund.
fn pool_repo() -> tempfile::TempDir {
    let repo = tempfile::TempDir::new().expect("temp dir");
    let id = "agreements/coventry-mh-pool-2022";
    copy_into(&crate_dir().join(id), &repo.path().join(id));
    repo
}

#[test]
fn the_2019_dementia_team_table_totals_10_6_fte_for_9_6() {
    let (report, code) = validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]);
    assert_eq!(code, 1);
    assert_eq!(
        arithmetic(&report),
        [(
            "07-seconded-council-employees.md".to_string(),
            51,
            "the Total of the \"FTE\" column is 10.6, but the 10 figures above it add up to 9.6".to_string()
        )]
    );
    let f = with_code(&report, "arithmetic.total")[0];
    assert_eq!(f["severity"], "error");
}

#[test]
fn imported_tables_of_every_shape_are_checked() {
    let cases = [
        // A PDF's space-aligned lines.
        (
            "equipment-pdf-2015",
            "the Total of the \"2016/17\" column is 4,354,700, but the 4 figures above it add up to 4,345,700",
        ),
        // A Word paste, tab-separated.
        (
            "word-copied-2021",
            "the Total of the \"2022/23 (£)\" column is 7,658,700, but the 2 figures above it add up to 7,685,700",
        ),
        // A boxed text table.
        (
            "bcf-2024-icb-host",
            "the TOTAL of the \"2024/25 (£)\" column is 19,874,000, but the 7 figures above it add up to 19,774,000",
        ),
        // A year table whose lines the import ran together, with a Total column.
        (
            "mental-health-2010-pct",
            "the Total for \"2012/13\" is 14,350,000, but its figures (4,290,000 + 10,240,000) add up to 14,530,000",
        ),
    ];
    for (stem, message) in cases {
        let repo = imported(stem);
        let (report, _) = validate_json(repo.path(), &[]);
        let found = arithmetic(&report);
        assert_eq!(found.iter().map(|(_, _, m)| m.as_str()).collect::<Vec<_>>(), [message], "{stem}");
    }
}

#[test]
fn tables_that_add_up_are_silent() {
    // The clean five-party agreement (a contributions table with a Total) and the
    // 2022 pooled fund (a Total row and a Total column, all correct).
    let repo = imported("clean-pool-2023-five-parties");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(arithmetic(&report), []);
    let pool = pool_repo();
    let (report, _) = validate_json(pool.path(), &[]);
    assert_eq!(arithmetic(&report), []);
}

#[test]
fn a_contributions_table_that_disagrees_with_agreement_toml() {
    let pool = pool_repo();
    let schedule = pool.path().join("agreements/coventry-mh-pool-2022/schedules/02-contributions.md");
    // The CCG's first year cut by £500,000 and every total with it: the table adds
    // up, but agreement.toml records £2,500,000.
    edit(
        &schedule,
        "| the CCG | £2,500,000 | £1,500,000 | £1,000,000 | £5,000,000 |",
        "| the CCG | £2,000,000 | £1,500,000 | £1,000,000 | £4,500,000 |",
    );
    edit(
        &schedule,
        "| Total | £4,000,000 | £2,500,000 | £1,500,000 | £8,000,000 |",
        "| Total | £3,500,000 | £2,500,000 | £1,500,000 | £7,500,000 |",
    );
    let (report, code) = validate_json(pool.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        arithmetic(&report),
        [(
            "02-contributions.md".to_string(),
            7,
            "the table gives the CCG £2,000,000 for 2022/23, but agreement.toml records £2,500,000".to_string()
        )]
    );
}
