//! `s75 import FILE --id ID`: a legacy agreement's text → `agreements/<id>/`.

use std::path::PathBuf;

use anyhow::Context as _;

use super::EXIT_OK;
use crate::import::{ImportOptions, import_file, write_imported};
use crate::loading::Repo;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agreement's Word file (.docx), or plain text extracted from its PDF
    file: PathBuf,
    /// Id of the new agreement: its folder under agreements/
    #[arg(long)]
    id: String,
    /// Folder to write into (default: <repository>/agreements/<id>)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Text of the line where the agreement starts (default: its opening line, "THIS AGREEMENT is made …",
    /// "This Agreement is dated …", "THIS DEED OF VARIATION …")
    #[arg(long)]
    start: Option<String>,
    /// Text of the first line after the agreement (default: the end of the file)
    #[arg(long)]
    end: Option<String>,
    /// Overwrite files that already exist
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    if args.id.is_empty() || !args.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        anyhow::bail!("--id `{}` must be letters, digits, '-' or '_' (it becomes a folder name)", args.id);
    }
    let dest = match args.out {
        Some(d) => d,
        None => {
            let repo = Repo::for_paths(&[]).context("cannot choose where to write; give --out DIR")?;
            repo.root.join("agreements").join(&args.id)
        }
    };
    let opts = ImportOptions { id: args.id.clone(), start_marker: args.start, end_marker: args.end };
    let imported = import_file(&args.file, &opts)?;
    // An import writes into an agreement folder by design, so only the guard's
    // first rule applies: never over the file being imported.
    let outputs = crate::output::Outputs::new(true);
    for f in &imported.files {
        outputs.check(&dest.join(&f.path))?;
    }
    write_imported(&dest, &imported, args.force)?;
    let s = &imported.summary;
    eprintln!(
        "imported {} into {}: {} clauses, {} recitals, {} definitions, {} schedules, {} execution blocks ({} lines of page furniture dropped)",
        args.file.display(),
        crate::loading::error::display_path(&dest),
        s.clauses,
        s.recitals,
        s.definitions,
        s.schedules,
        s.execution_blocks,
        s.furniture_lines_dropped
    );
    for note in &s.notes {
        eprintln!("note: {note}");
    }
    if s.clauses == 0 && s.notes.is_empty() {
        eprintln!(
            "note: the text has no clause numbers (text pasted from Word loses its automatic numbering): references to clauses cannot be checked; import the Word file (.docx) to keep the numbers"
        );
    }
    // The repository the agreement joined (none when --out points elsewhere).
    if let Some(counts) = Repo::find(&dest).and_then(|repo| super::counts::for_written(&repo.root, &dest)) {
        eprintln!("{counts}");
    }
    eprintln!(
        "next: complete agreement.toml (term, notice, host, functions) and run `s75 validate {}`",
        crate::loading::error::display_path(&dest)
    );
    Ok(EXIT_OK)
}
