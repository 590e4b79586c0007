//! Reading a rule pack strictly: any unknown key, wrong type or missing
//! field is a load error naming the pack's file and line, because a pack
//! that is half understood would silently check less.

use std::sync::Arc;

use crate::loading::LoadError;
use crate::loading::toml_reader::{Ctx, TableReader};
use crate::model::{SourceFile, Span};

pub fn error_at(file: &SourceFile, span: &Span, message: impl Into<String>) -> LoadError {
    LoadError::at(&file.path, span.start().0, message)
}

/// The first problem the reader recorded, as a load error.
pub fn first_problem(ctx: Ctx) -> Result<(), LoadError> {
    match ctx.problems.into_iter().next() {
        Some(p) => Err(error_at(ctx.file, &p.span, p.message)),
        None => Ok(()),
    }
}

/// `schema = 1` at the top of a pack.
pub fn check_schema(ctx: &mut Ctx, top: &mut TableReader, file: &Arc<SourceFile>) -> Result<(), LoadError> {
    match top.integer(ctx, "schema") {
        Some(s) if s.value == 1 => Ok(()),
        Some(s) => {
            Err(error_at(file, &s.span, format!("unsupported pack schema {}; this s75 reads schema 1", s.value)))
        }
        None => {
            top.missing(ctx, "schema");
            Ok(())
        }
    }
}
