//! `s75 new --template pooled-fund|delegation ID`: scaffolds
//! `agreements/ID/` from a template that already satisfies the compliance
//! matrix, with square-bracketed placeholders (`[Name of NHS body]`) for
//! everything only the drafter knows. `s75 validate` reports each
//! placeholder until it is filled.
//!
//! The templates are files under `templates/new/`, compiled in. The only
//! substitutions are `{{ id }}` and the term dates (see [`Vars`]): the term
//! starts on the next 1 April and runs three financial years, so the text
//! and the metadata agree from the first run.

use std::path::Path;

use anyhow::{Context as _, bail};
use jiff::civil::Date;

use super::EXIT_OK;
use crate::loading::Repo;
use crate::model::metadata::FinancialYear;
use crate::rules::statute::types::fmt_date;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which kind of agreement to start from
    #[arg(long, value_enum)]
    template: Template,
    /// Id of the new agreement (lower case, digits and hyphens): its folder is agreements/ID
    id: String,
    /// Count the term from this date (default: today, or S75_TODAY)
    #[arg(long, value_name = "DATE")]
    today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// A reg 7 pooled fund hosted by the local authority
    PooledFund,
    /// An NHS body exercising the local authority's health-related functions (reg 8), with seconded staff
    Delegation,
}

/// (path inside the agreement folder, text) of every template file. The
/// templates' metadata is named `agreement.toml.tmpl` so that `s75 validate`,
/// which treats every `agreement.toml` in the repository as an agreement,
/// does not try to read a template with `{{ … }}` in it.
type Files = &'static [(&'static str, &'static str)];

const POOLED_FUND: Files = &[
    ("agreement.toml", include_str!("../../templates/new/pooled-fund/agreement.toml.tmpl")),
    ("agreement.md", include_str!("../../templates/new/pooled-fund/agreement.md")),
    (
        "schedules/01-aims-and-outcomes.md",
        include_str!("../../templates/new/pooled-fund/schedules/01-aims-and-outcomes.md"),
    ),
    ("schedules/02-contributions.md", include_str!("../../templates/new/pooled-fund/schedules/02-contributions.md")),
    ("schedules/03-services.md", include_str!("../../templates/new/pooled-fund/schedules/03-services.md")),
];

const DELEGATION: Files = &[
    ("agreement.toml", include_str!("../../templates/new/delegation/agreement.toml.tmpl")),
    ("agreement.md", include_str!("../../templates/new/delegation/agreement.md")),
    (
        "schedules/01-aims-and-outcomes.md",
        include_str!("../../templates/new/delegation/schedules/01-aims-and-outcomes.md"),
    ),
    ("schedules/02-seconded-staff.md", include_str!("../../templates/new/delegation/schedules/02-seconded-staff.md")),
];

pub fn run(args: Args) -> anyhow::Result<u8> {
    check_id(&args.id)?;
    let cwd = std::env::current_dir()?;
    // A new repository starts here; otherwise the agreement joins the one we are in.
    let root = Repo::find(&cwd).map_or(cwd, |r| r.root);
    let parent = root.join("agreements");
    let target = parent.join(&args.id);
    if target.exists() {
        bail!("{} already exists; s75 new never overwrites an agreement", shown(&root, &target));
    }
    let vars = Vars::new(&args.id, super::today(args.today)?)?;
    let files = match args.template {
        Template::PooledFund => POOLED_FUND,
        Template::Delegation => DELEGATION,
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    write_all(&parent, &target, files, &vars)?;

    println!("created {}/ from the {} template:", shown(&root, &target), args.template.name());
    for (path, _) in files {
        println!("  {path}");
    }
    if let Some(counts) = super::counts::for_written(&root, &target) {
        println!("\n{counts}");
    }
    let (from, to, dir, id) = (fmt_date(vars.commencement), fmt_date(vars.expiry), shown(&root, &target), &args.id);
    println!(
        "\nNext: replace every [bracketed] placeholder (s75 validate lists them), check the term ({from} to {to}), then run\n  s75 validate {dir}\n  s75 matrix {id}"
    );
    Ok(EXIT_OK)
}

impl Template {
    fn name(self) -> &'static str {
        match self {
            Template::PooledFund => "pooled-fund",
            Template::Delegation => "delegation",
        }
    }
}

/// Ids become folder names and `id` keys: keep them portable and stable.
fn check_id(id: &str) -> anyhow::Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 80
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !ok {
        bail!("`{id}` is not a usable id: use lower-case letters, digits and hyphens, e.g. coventry-mh-pool-2026");
    }
    Ok(())
}

/// Writes every file into a temporary folder beside the target, then renames
/// it into place: a failure part-way leaves nothing behind, and another
/// process never sees half an agreement.
fn write_all(parent: &Path, target: &Path, files: Files, vars: &Vars) -> anyhow::Result<()> {
    let tmp = tempfile::Builder::new()
        .prefix(".s75-new-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    for (rel, text) in files {
        let path = tmp.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, vars.apply(text)).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if target.exists() {
        bail!("{} appeared while the template was being written; nothing was changed", target.display());
    }
    // Rename first: if it fails, the temporary folder is still removed on drop.
    std::fs::rename(tmp.path(), target).with_context(|| format!("cannot create {}", target.display()))?;
    let _ = tmp.keep();
    Ok(())
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// What a template may refer to: `{{ id }}`, `{{ commencement }}` (TOML
/// date), `{{ commencement_text }}` ("1 April 2027"), `{{ expiry }}`,
/// `{{ expiry_text }}`, `{{ year1 }}`…`{{ year3 }}` ("2027/28").
struct Vars {
    id: String,
    commencement: Date,
    expiry: Date,
    years: [FinancialYear; 3],
}

impl Vars {
    /// The term: the next 1 April after `today`, for three financial years.
    fn new(id: &str, today: Date) -> anyhow::Result<Vars> {
        // Three whole financial years must fit before the calendar ends in 9999.
        if today.year() > 9990 {
            bail!("--today {today} leaves no room for a three-year term before the year 9999");
        }
        let first = FinancialYear::containing(today).start_year + 1;
        let years = [0, 1, 2].map(|i| FinancialYear { start_year: first + i });
        let commencement = years[0].first_day();
        let expiry = years[2].last_day();
        Ok(Vars { id: id.to_string(), commencement, expiry, years })
    }

    fn apply(&self, text: &str) -> String {
        let pairs = [
            ("{{ id }}", self.id.clone()),
            ("{{ commencement }}", self.commencement.to_string()),
            ("{{ commencement_text }}", fmt_date(self.commencement)),
            ("{{ expiry }}", self.expiry.to_string()),
            ("{{ expiry_text }}", fmt_date(self.expiry)),
            ("{{ year1 }}", self.years[0].to_string()),
            ("{{ year2 }}", self.years[1].to_string()),
            ("{{ year3 }}", self.years[2].to_string()),
        ];
        pairs.iter().fold(text.to_string(), |t, (k, v)| t.replace(k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_term_is_the_next_three_financial_years() {
        let v = Vars::new("x", Date::constant(2026, 11, 24)).expect("a term fits");
        assert_eq!(v.commencement, Date::constant(2027, 4, 1));
        assert_eq!(v.expiry, Date::constant(2030, 3, 31));
        assert_eq!(v.apply("{{ year1 }}–{{ year3 }} {{ commencement_text }}"), "2027/28–2029/30 1 April 2027");
        // On 1 April itself the term still starts the following year: a
        // scaffold is never dated in the past.
        assert_eq!(
            Vars::new("x", Date::constant(2027, 4, 1)).expect("a term fits").commencement,
            Date::constant(2028, 4, 1)
        );
    }

    #[test]
    fn ids_are_checked() {
        assert!(check_id("coventry-mh-pool-2026").is_ok());
        for bad in ["", "Has Caps", "../x", "-x", "a/b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_template_placeholder_variable_is_known() {
        let v = Vars::new("x", Date::constant(2026, 11, 24)).expect("a term fits");
        for (path, text) in POOLED_FUND.iter().chain(DELEGATION) {
            assert!(!v.apply(text).contains("{{"), "{path} has an unknown {{{{ variable }}}}");
        }
    }
}
