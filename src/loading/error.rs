//! Load errors: input s75 cannot read at all. Each names the file and, where
//! there is one, the line; the command exits with status 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: std::io::Error },

    #[error("{path}:{line}: {message}")]
    At { path: String, line: usize, message: String },

    #[error("{path}: {message}")]
    File { path: String, message: String },
}

impl LoadError {
    pub fn at(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        LoadError::At { path: path.into(), line, message: message.into() }
    }

    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        LoadError::File { path: path.into(), message: message.into() }
    }

    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        LoadError::Io { path: path.into(), source }
    }
}

/// Shows a path the way a user typed it or as relative to the working directory.
pub fn display_path(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let shown = path.strip_prefix(&cwd).unwrap_or(path).to_string_lossy().replace('\\', "/");
    if shown.is_empty() { ".".to_string() } else { shown }
}
