//! The agreement model shared by validate, diff and render. Built by
//! [`crate::loading`]; never written back to disk.

pub mod agreement;
pub mod definitions;
pub mod doc_id;
pub mod document;
pub mod metadata;
pub mod number;
pub mod offsets;
pub mod pattern;
pub mod references;
pub mod source;
pub mod words;

pub use agreement::{Agreement, Schedule};
pub use doc_id::DocId;
pub use document::{Block, BlockKind, DocKind, Document, ExecutionBlock, Joined, Provision, Section};
pub use metadata::Metadata;
pub use number::Number;
pub use offsets::Offsets;
pub use source::{Located, SourceFile, Span};
