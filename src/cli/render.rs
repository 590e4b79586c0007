//! `s75 render AGREEMENT` (a signing pack) and `s75 verify PACK` (has the
//! text changed since the pack was made?).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

use crate::loading::{Repo, load_agreement};
use crate::model::Agreement;
use crate::output::Outputs;
use crate::render::fingerprint::{self, Sources, WorkingTree};
use crate::render::git::AtRevision;
use crate::render::templates::Templates;
use crate::render::{self, PackFormat, manifest, verify};
use crate::rules::{Checker, Finding, Severity};

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The agreement's folder (or a file in it)
    agreement: PathBuf,
    /// Pack format
    #[arg(long, value_enum, default_value_t = PackFormat::Pdf)]
    format: PackFormat,
    /// Where to write the pack (default: <id>.pdf or <id>.html in the current folder); the manifest goes beside it as <PATH>.manifest.json
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Let the pack or its manifest be written inside the repository's agreements/ or schedules/ folder (a file s75 reads is never overwritten)
    #[arg(long)]
    force: bool,
    /// Render even with validation errors, stamping DRAFT on every page
    #[arg(long)]
    draft: bool,
    /// Folder of templates replacing the built-in pack.html, pack.css, pack.typ (overrides s75.toml [render] templates); it must be inside the repository, links followed, since its text goes into the pack
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Judge dates (waiver expiry) as of this day (default: today, or S75_TODAY)
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
}

pub fn run(args: RenderArgs) -> anyhow::Result<u8> {
    let repo = match Repo::find(&args.agreement) {
        Some(r) => r,
        None => Repo::for_paths(std::slice::from_ref(&args.agreement))?,
    };
    let dirs = repo.select(std::slice::from_ref(&args.agreement))?;
    let [dir] = dirs.as_slice() else {
        bail!("{} holds {} agreements; name one agreement folder", args.agreement.display(), dirs.len());
    };

    // As `s75 validate` does: s75.toml is read against the built-in rules,
    // then configures the checker (levels, waivers, replaced rule packs).
    let today = super::today(args.today)?;
    let (checker, config) = Checker::configured(&repo.root, today)?;
    let agreement = load_agreement(&repo, dir)?;

    let templates = match (&args.templates, &config.render_templates) {
        (Some(dir), _) => Templates::from_dir(&repo, dir)?,
        (None, Some(dir)) => Templates::from_dir(&repo, &repo.root.join(&dir.value))
            .with_context(|| format!("s75.toml: [render] templates = \"{}\"", dir.value))?,
        (None, None) => Templates::built_in(),
    };
    // The default name comes from the folder, not from the id in agreement.toml,
    // which may be wrong (or hold a path) in a draft.
    let folder = dir.file_name().map_or_else(|| "agreement".into(), |n| n.to_string_lossy().into_owned());
    let path = args.output.clone().unwrap_or_else(|| PathBuf::from(format!("{folder}.{}", args.format.name())));
    // Asked now, before the long work of rendering, and again when writing.
    let outputs = Outputs::new(args.force);
    let manifest_path = manifest::path_for(&path);
    outputs.check(&path)?;
    outputs.check(&manifest_path)?;
    let file_name =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).context("the output path has no file name")?;
    let request = render::Request {
        repo: &repo,
        agreement: &agreement,
        format: args.format,
        draft: args.draft,
        templates: &templates,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        file_name,
    };

    // Checking and laying out are independent and each takes a good part of
    // the run: do them side by side. A refused agreement's pack is dropped
    // unwritten, so the refusal wins over any rendering error.
    let (findings, rendered) = std::thread::scope(|scope| {
        let check = scope.spawn(|| checker.check(&agreement));
        let rendered = render::render(&request);
        (check.join(), rendered)
    });
    let findings = findings.map_err(|_| anyhow!("the validation rules failed unexpectedly"))?;
    if refuse(&agreement, &findings, args.draft) {
        return Ok(EXIT_FINDINGS);
    }
    let rendered = rendered?;
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    outputs.write_all(&[(&path, &rendered.pack), (&manifest_path, &rendered.manifest.to_json()?)])?;

    let mut details = Vec::new();
    if let Some(p) = rendered.pages {
        details.push(format!("{p} page{}", plural(p)));
    }
    match rendered.pdfa {
        Some(true) => details.push("PDF/A-2b".into()),
        Some(false) => details.push("not PDF/A".into()),
        None => {}
    }
    if args.draft {
        details.push("DRAFT".into());
    }
    details.push(format!("fingerprint {} · {}", rendered.fingerprint.short(), rendered.git.label()));
    println!("wrote {} ({})", path.display(), details.join(", "));
    println!("wrote {}", manifest_path.display());
    Ok(EXIT_OK)
}

/// A pack is for signing: an agreement the rules reject is only rendered as
/// a marked draft. Prints one line of counts when there are errors (the
/// findings are `s75 validate`'s to show); returns whether to refuse.
fn refuse(agreement: &Agreement, findings: &[Finding], draft: bool) -> bool {
    let errors = findings.iter().filter(|f| f.suppressed.is_none() && f.severity == Severity::Error).count();
    if errors == 0 {
        return false;
    }
    eprintln!("{}", super::counts::line(agreement.id(), &agreement.dir, findings));
    if draft {
        eprintln!(
            "warning: rendering {} as a DRAFT despite {errors} validation error{}",
            agreement.dir,
            plural(errors)
        );
        return false;
    }
    let them = if errors == 1 { "it" } else { "them" };
    eprintln!(
        "error: {} has {errors} validation error{}; fix {them} or render a marked draft with --draft",
        agreement.dir,
        plural(errors)
    );
    true
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// A pack made by `s75 render` (PDF or HTML), or its .manifest.json
    pack: PathBuf,
    /// Compare with the agreement at this git revision instead of the working tree
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
    /// The agreement repository (default: found from the current folder, else from the pack's folder)
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,
}

/// Exit 0 when the text is unchanged, 1 when it changed, 2 when it cannot be told.
pub fn verify(args: VerifyArgs) -> anyhow::Result<u8> {
    let pack = verify::read_pack(&args.pack)?;
    let repo = find_repo(args.repo.as_deref(), &args.pack)?;
    let sources: Box<dyn Sources> = match &args.rev {
        Some(rev) => Box::new(AtRevision::open(&repo.root, rev)?),
        None => Box::new(WorkingTree { root: &repo.root }),
    };
    let now = match fingerprint::compute(&repo, &pack.claim.agreement, sources.as_ref()) {
        Ok(fp) => fp,
        Err(e) => {
            eprintln!("error: cannot check {}: {e:#}", args.pack.display());
            return Ok(EXIT_ERROR);
        }
    };
    let verdict = verify::compare(&pack, &now, &sources.describe());
    for line in &verdict.lines {
        println!("{line}");
    }
    Ok(if verdict.changed { EXIT_FINDINGS } else { EXIT_OK })
}

fn find_repo(given: Option<&Path>, pack: &Path) -> anyhow::Result<Repo> {
    if let Some(dir) = given {
        return Repo::find(dir).with_context(|| format!("{} is not inside an agreement repository", dir.display()));
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    Repo::find(&cwd)
        .or_else(|| pack.parent().and_then(Repo::find))
        .context("not inside an agreement repository (no s75.toml or agreements/ folder here or above); use --repo DIR")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
